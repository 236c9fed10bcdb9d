import { GatewayError } from "@gatehouse/protocol";
import { type OidcTestProvider, startOidcTestProvider } from "@gatehouse/test-support";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { beginOidcLogin, type OidcLoginStart } from "./begin-oidc-login.js";
import { completeOidcLogin, type OidcClientCredentials } from "./complete-oidc-login.js";
import { discoverOidc, type OidcProviderMetadata } from "./discover-oidc.js";

const REDIRECT = "http://127.0.0.1:1/api/auth/oidc/callback";
const GATEHOUSE: OidcClientCredentials = {
  clientId: "gatehouse",
  clientSecret: "gh-secret-9f2c",
  redirectUri: REDIRECT,
};
const OTHER: OidcClientCredentials = {
  clientId: "other-app",
  clientSecret: "other-secret-1d7e",
  redirectUri: REDIRECT,
};

let op: OidcTestProvider;
let metadata: OidcProviderMetadata;

beforeAll(async () => {
  op = await startOidcTestProvider({
    clients: [GATEHOUSE, OTHER].map((c) => ({
      client_id: c.clientId,
      client_secret: c.clientSecret,
      redirect_uris: [c.redirectUri],
    })),
    accounts: {
      alice: {
        email: "alice@example.com",
        email_verified: true,
        name: "Alice Liddell",
        groups: ["eng", "gh-admins"],
      },
      // As Microsoft Entra ID answers: no email_verified, the domain owner's verification instead.
      entra: { email: "erin@example.com", xms_edov: true },
      unverified: { email: "ursula@example.com", email_verified: false, xms_edov: true },
    },
    scopes: { email: ["email", "email_verified", "xms_edov"] },
  });
  metadata = await discoverOidc(op.issuer);
});
afterAll(() => op.close());

/** A login up to the callback: what the browser brings back to the redirect URI. */
async function loginAt(client: OidcClientCredentials, options: { deny?: boolean } = {}, account = "alice") {
  const start = beginOidcLogin(metadata, { ...client, extraScopes: ["groups"] });
  const callback = await op.followLogin(start.url, account, options);
  return { start, callback: callback.searchParams };
}

function saved(start: OidcLoginStart) {
  return { state: start.state, nonce: start.nonce, codeVerifier: start.codeVerifier };
}

/** A fetch that hands the token endpoint's answer to `edit` and records what it saw. */
function tokenFetch(edit: (idToken: string) => string = (t) => t) {
  const seen: string[] = [];
  const wrapped: typeof fetch = async (input, init) => {
    const response = await fetch(input, init);
    if (String(input) !== metadata.tokenEndpoint || response.status !== 200) return response;
    const body = (await response.json()) as { id_token: string };
    seen.push(body.id_token);
    return Response.json({ ...body, id_token: edit(body.id_token) });
  };
  return { fetch: wrapped, seen };
}

async function refusal(promise: Promise<unknown>): Promise<GatewayError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(GatewayError);
  const gatewayError = error as GatewayError;
  for (const secret of [GATEHOUSE.clientSecret, OTHER.clientSecret])
    expect(gatewayError.message).not.toContain(secret);
  return gatewayError;
}

describe("completeOidcLogin against a real provider", () => {
  it("returns the account's verified claims, groups included", async () => {
    const { start, callback } = await loginAt(GATEHOUSE);
    const claims = await completeOidcLogin({ metadata, client: GATEHOUSE, callback, saved: saved(start) });
    expect(claims).toMatchObject({
      sub: "alice",
      email: "alice@example.com",
      emailVerified: true,
      name: "Alice Liddell",
      groups: ["eng", "gh-admins"],
    });
    expect(claims.raw).toMatchObject({ iss: op.issuer, aud: "gatehouse", nonce: start.nonce });
  });

  it("takes Entra ID's xms_edov for a verified email only when email_verified is absent", async () => {
    for (const [account, verified] of [
      ["entra", true],
      ["unverified", false],
    ] as const) {
      const { start, callback } = await loginAt(GATEHOUSE, {}, account);
      const claims = await completeOidcLogin({ metadata, client: GATEHOUSE, callback, saved: saved(start) });
      expect([claims.raw.xms_edov, claims.emailVerified], account).toEqual([true, verified]);
    }
  });

  it("refuses a callback whose state is not this login's, before redeeming the code", async () => {
    const { start, callback } = await loginAt(GATEHOUSE);
    const spy = tokenFetch();
    const error = await refusal(
      completeOidcLogin(
        { metadata, client: GATEHOUSE, callback, saved: { ...saved(start), state: `${start.state}x` } },
        { fetch: spy.fetch },
      ),
    );
    expect(error.code).toBe("invalid_request");
    expect(error.message).toMatch(/state does not match/);
    expect(spy.seen).toEqual([]);
    const missing = new URLSearchParams(callback);
    missing.delete("state");
    await expect(
      completeOidcLogin({ metadata, client: GATEHOUSE, callback: missing, saved: saved(start) }),
    ).rejects.toThrow(/state does not match/);
  });

  it("refuses an ID token whose payload was tampered with", async () => {
    const { start, callback } = await loginAt(GATEHOUSE);
    const tamper = (jwt: string) => {
      const [header, payload, signature] = jwt.split(".") as [string, string, string];
      const claims = JSON.parse(Buffer.from(payload, "base64url").toString("utf8"));
      const forged = Buffer.from(JSON.stringify({ ...claims, groups: ["owners"] })).toString("base64url");
      return `${header}.${forged}.${signature}`;
    };
    const error = await refusal(
      completeOidcLogin(
        { metadata, client: GATEHOUSE, callback, saved: saved(start) },
        { fetch: tokenFetch(tamper).fetch },
      ),
    );
    expect(error.code).toBe("upstream_error");
    expect(error.message).toMatch(/ID token failed verification: signature verification failed/);
  });

  it("refuses a genuine ID token issued to another client (wrong audience)", async () => {
    const other = await loginAt(OTHER);
    const recorder = tokenFetch();
    await completeOidcLogin(
      { metadata, client: OTHER, callback: other.callback, saved: saved(other.start) },
      { fetch: recorder.fetch },
    );
    const foreignToken = recorder.seen[0] ?? "";
    expect(foreignToken).not.toBe("");
    const { start, callback } = await loginAt(GATEHOUSE);
    const error = await refusal(
      completeOidcLogin(
        { metadata, client: GATEHOUSE, callback, saved: saved(start) },
        { fetch: tokenFetch(() => foreignToken).fetch },
      ),
    );
    expect(error.message).toMatch(/failed verification: unexpected "aud" claim value/);
  });

  it("refuses an ID token whose nonce is not this login's", async () => {
    const { start, callback } = await loginAt(GATEHOUSE);
    const error = await refusal(
      completeOidcLogin({
        metadata,
        client: GATEHOUSE,
        callback,
        saved: { ...saved(start), nonce: "another-nonce" },
      }),
    );
    expect(error.code).toBe("upstream_error");
    expect(error.message).toMatch(/nonce is not the one of this login/);
  });

  it("turns error=access_denied into a clean permission_denied", async () => {
    const { start, callback } = await loginAt(GATEHOUSE, { deny: true });
    expect(callback.get("code")).toBeNull();
    const error = await refusal(
      completeOidcLogin({ metadata, client: GATEHOUSE, callback, saved: saved(start) }),
    );
    expect(error.code).toBe("permission_denied");
    expect(error.message).toBe(
      "The identity provider answered error=access_denied: End-User aborted interaction",
    );
    expect(error.details.upstreamType).toBe("access_denied");
  });

  it("refuses a replayed code and a wrong PKCE verifier without quoting code or secret", async () => {
    const { start, callback } = await loginAt(GATEHOUSE);
    const code = callback.get("code") ?? "";
    await completeOidcLogin({ metadata, client: GATEHOUSE, callback, saved: saved(start) });
    const replay = await refusal(
      completeOidcLogin({ metadata, client: GATEHOUSE, callback, saved: saved(start) }),
    );
    expect(replay.message).toMatch(/^The identity provider's token endpoint answered error=invalid_grant/);
    expect(replay.message).not.toContain(code);

    const second = await loginAt(GATEHOUSE);
    const wrongVerifier = { ...saved(second.start), codeVerifier: saved(start).codeVerifier };
    const error = await refusal(
      completeOidcLogin({ metadata, client: GATEHOUSE, callback: second.callback, saved: wrongVerifier }),
    );
    expect(error.details.upstreamType).toBe("invalid_grant");
    expect(error.message).not.toContain(second.callback.get("code") ?? "?");
  });

  it("refuses a wrong client secret", async () => {
    const { start, callback } = await loginAt(GATEHOUSE);
    const client = { ...GATEHOUSE, clientSecret: "not-the-secret" };
    const error = await refusal(completeOidcLogin({ metadata, client, callback, saved: saved(start) }));
    expect(error.message).toMatch(/error=invalid_client/);
    expect(error.message).not.toContain("not-the-secret");
  });

  it("refuses a callback naming another issuer (RFC 9207)", async () => {
    const { start, callback } = await loginAt(GATEHOUSE);
    expect(callback.get("iss")).toBe(op.issuer);
    const forged = new URLSearchParams(callback);
    forged.set("iss", "https://evil.example");
    const error = await refusal(
      completeOidcLogin({ metadata, client: GATEHOUSE, callback: forged, saved: saved(start) }),
    );
    expect(error.message).toMatch(/issuer 'https:\/\/evil.example'/);
  });
});

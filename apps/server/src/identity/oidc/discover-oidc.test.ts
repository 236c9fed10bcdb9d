import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { GatewayError } from "@gatehouse/protocol";
import { type OidcTestProvider, startOidcTestProvider } from "@gatehouse/test-support";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { discoverOidc } from "./discover-oidc.js";

let op: OidcTestProvider;
/** A hand-written "provider" for the documents a real one would not serve. */
let fake: Server;
let fakeIssuer: string;
let answer: (req: IncomingMessage, res: ServerResponse) => void;

beforeAll(async () => {
  op = await startOidcTestProvider({ clients: [], accounts: {} });
  fake = createServer((req, res) => answer(req, res));
  await new Promise<void>((resolve) => fake.listen(0, "127.0.0.1", resolve));
  fakeIssuer = `http://127.0.0.1:${(fake.address() as AddressInfo).port}`;
});
afterAll(async () => {
  fake.closeAllConnections();
  await Promise.all([op.close(), new Promise((resolve) => fake.close(resolve))]);
});

function document(overrides: Record<string, unknown> = {}) {
  return {
    issuer: fakeIssuer,
    authorization_endpoint: `${fakeIssuer}/auth`,
    token_endpoint: `${fakeIssuer}/token`,
    jwks_uri: `${fakeIssuer}/jwks`,
    response_types_supported: ["code"],
    subject_types_supported: ["public"],
    id_token_signing_alg_values_supported: ["RS256"],
    ...overrides,
  };
}

function serve(body: unknown, status = 200) {
  answer = (_req, res) => {
    res.writeHead(status, { "content-type": "application/json" });
    res.end(typeof body === "string" ? body : JSON.stringify(body));
  };
}

async function refusal(promise: Promise<unknown>): Promise<GatewayError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(GatewayError);
  return error as GatewayError;
}

describe("discoverOidc", () => {
  it("reads a real provider's configuration", async () => {
    const metadata = await discoverOidc(op.issuer);
    expect(metadata).toMatchObject({
      issuer: op.issuer,
      authorizationEndpoint: `${op.issuer}/auth`,
      tokenEndpoint: `${op.issuer}/token`,
      jwksUri: `${op.issuer}/jwks`,
      codeChallengeMethods: ["S256"],
    });
    expect(metadata.idTokenSigningAlgs).toContain("RS256");
  });

  it("refuses a document whose issuer is not the configured one (§4.3: identical strings)", async () => {
    const error = await refusal(discoverOidc(`${op.issuer}/`));
    expect(error.code).toBe("upstream_error");
    expect(error.message).toBe(
      `The identity provider's discovery document names issuer '${op.issuer}', not the configured '${op.issuer}/'.`,
    );
    serve(document({ issuer: "https://login.example.com" }));
    await expect(discoverOidc(fakeIssuer)).rejects.toThrow(/names issuer 'https:\/\/login.example.com'/);
  });

  it("names the missing or malformed fields", async () => {
    serve(document({ jwks_uri: undefined, token_endpoint: "javascript:alert(1)" }));
    const error = await refusal(discoverOidc(fakeIssuer));
    expect(error.message).toMatch(/discovery document is invalid: .*token_endpoint.*jwks_uri/);
  });

  it("refuses a provider without S256 PKCE or the code flow", async () => {
    serve(document({ code_challenge_methods_supported: ["plain"] }));
    await expect(discoverOidc(fakeIssuer)).rejects.toThrow(
      "The identity provider does not support PKCE with S256.",
    );
    serve(document({ response_types_supported: ["id_token"] }));
    await expect(discoverOidc(fakeIssuer)).rejects.toThrow(/does not support response_type=code/);
  });

  it("accepts a provider that does not advertise PKCE methods", async () => {
    serve(document());
    expect((await discoverOidc(fakeIssuer)).codeChallengeMethods).toBeUndefined();
  });

  it("refuses http endpoints under an https issuer", async () => {
    const issuer = "https://login.example.com";
    const doc = document({ issuer, authorization_endpoint: `${issuer}/auth`, jwks_uri: `${issuer}/jwks` });
    const local: typeof fetch = async () => Response.json(doc);
    await expect(discoverOidc(issuer, { fetch: local })).rejects.toThrow(/endpoint that is not https/);
  });

  it("bounds the answer's size, time and status", async () => {
    serve({ ...document(), padding: "x".repeat(5000) });
    expect((await refusal(discoverOidc(fakeIssuer, { maxBytes: 4096 }))).message).toMatch(
      /larger than 4096 bytes/,
    );
    answer = (_req, res) => {
      res.writeHead(200, { "content-type": "application/json" });
      res.write(JSON.stringify(document()).slice(0, 10)); // and never finishes
    };
    const slow = await refusal(discoverOidc(fakeIssuer, { timeoutMs: 200 }));
    expect(slow.code).toBe("upstream_timeout");
    serve({ error: "nope" }, 404);
    expect((await refusal(discoverOidc(fakeIssuer))).message).toMatch(/answered HTTP 404/);
    serve("<html>");
    expect((await refusal(discoverOidc(fakeIssuer))).message).toMatch(/did not answer JSON/);
  });

  it("says when the provider cannot be reached", async () => {
    const closed = await startOidcTestProvider({ clients: [], accounts: {} });
    await closed.close();
    const error = await refusal(discoverOidc(closed.issuer));
    expect(error.code).toBe("upstream_unreachable");
    expect(error.message).toMatch(/could not be reached: ECONNREFUSED/);
  });
});

import { createHash } from "node:crypto";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { beginOidcLogin, codeChallengeOf } from "./begin-oidc-login.js";

const metadata = { authorizationEndpoint: "https://login.example.com/oauth2/v1/authorize?tenant=acme" };
const client = { clientId: "gatehouse", redirectUri: "https://gh.example.com/api/auth/oidc/callback" };

describe("beginOidcLogin", () => {
  it("builds a code + PKCE S256 authorization request on the provider's endpoint", () => {
    const start = beginOidcLogin(metadata, { ...client, extraScopes: ["groups", "email"] });
    const p = start.url.searchParams;
    expect(start.url.origin + start.url.pathname).toBe("https://login.example.com/oauth2/v1/authorize");
    expect(Object.fromEntries(p)).toEqual({
      tenant: "acme",
      response_type: "code",
      client_id: "gatehouse",
      redirect_uri: client.redirectUri,
      scope: "openid email profile groups",
      state: start.state,
      nonce: start.nonce,
      code_challenge: createHash("sha256").update(start.codeVerifier).digest("base64url"),
      code_challenge_method: "S256",
    });
    expect(start.codeVerifier).toMatch(/^[A-Za-z0-9_-]{43}$/);
  });

  it("passes prompt and login_hint through", () => {
    const p = beginOidcLogin(metadata, client, { prompt: "login", loginHint: "jane@example.com" }).url
      .searchParams;
    expect(p.get("prompt")).toBe("login");
    expect(p.get("login_hint")).toBe("jane@example.com");
    expect(p.get("scope")).toBe("openid email profile");
  });

  it("draws fresh, distinct secrets every time", () => {
    const starts = Array.from({ length: 50 }, () => beginOidcLogin(metadata, client));
    const values = starts.flatMap((s) => [s.state, s.nonce, s.codeVerifier]);
    expect(new Set(values).size).toBe(values.length);
  });
});

describe("codeChallengeOf", () => {
  it("matches RFC 7636 Appendix B", () => {
    expect(codeChallengeOf("dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk")).toBe(
      "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM",
    );
  });

  it("is unpadded base64url of 32 bytes for any verifier", () => {
    fc.assert(
      fc.property(fc.stringMatching(/^[A-Za-z0-9._~-]{43,128}$/), (verifier) => {
        expect(codeChallengeOf(verifier)).toMatch(/^[A-Za-z0-9_-]{43}$/);
      }),
    );
  });
});

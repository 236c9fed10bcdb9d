import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { checkIssuerUrl } from "./check-issuer-url.js";

const strict = { allowHttpLoopback: false };
const dev = { allowHttpLoopback: true };
const message = (issuer: string, options = strict) => {
  try {
    checkIssuerUrl(issuer, options);
    return "ok";
  } catch (error) {
    expect(error).toMatchObject({ code: "invalid_request" });
    return (error as Error).message;
  }
};

describe("checkIssuerUrl", () => {
  it("accepts https issuers, with a path", () => {
    expect(message("https://acme.okta.com")).toBe("ok");
    expect(message("https://login.microsoftonline.com/abc/v2.0")).toBe("ok");
    expect(message("https://127.0.0.1:8443/realms/x")).toBe("ok");
  });

  it("refuses http, except on this machine when allowed", () => {
    expect(message("http://acme.okta.com")).toMatch(/^body\.issuer: Must use https/);
    expect(message("http://127.0.0.1:9000")).toMatch(/^body\.issuer: Must use https/);
    expect(message("http://127.0.0.1:9000", dev)).toBe("ok");
    expect(message("http://localhost:9000/realms/x", dev)).toBe("ok");
    expect(message("http://[::1]:9000", dev)).toBe("ok");
    expect(message("http://127.0.0.1.evil.test", dev)).toMatch(/http only for a provider on 127\.0\.0\.1/);
    expect(message("http://10.0.0.5", dev)).toMatch(/^body\.issuer: Must use https/);
  });

  it("refuses a query, a fragment, credentials and other schemes", () => {
    expect(message("https://acme.okta.com?x=1")).toBe("body.issuer: An issuer has no query or fragment.");
    expect(message("https://acme.okta.com/#")).toBe("body.issuer: An issuer has no query or fragment.");
    expect(message("https://u:p@acme.okta.com")).toBe("body.issuer: An issuer carries no credentials.");
    expect(message("ftp://acme.okta.com", dev)).toMatch(/^body\.issuer: Must use https/);
    expect(message("not a url")).toBe("body.issuer: Not a URL.");
  });

  it("answers ok or a 400 on body.issuer for any input, never anything else (property)", () => {
    fc.assert(
      fc.property(
        fc.oneof(fc.string(), fc.webUrl({ withQueryParameters: true, withFragments: true })),
        fc.boolean(),
        (issuer, allow) => {
          const result = message(issuer, { allowHttpLoopback: allow });
          expect(result === "ok" || result.startsWith("body.issuer: ")).toBe(true);
          if (result === "ok") expect(new URL(issuer).protocol === "https:" || allow).toBe(true);
        },
      ),
    );
  });
});

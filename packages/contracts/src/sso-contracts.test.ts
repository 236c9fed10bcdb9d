import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { putSso, startSso } from "./sso-contracts.js";

const redirectOf = (value: string) => startSso.query.safeParse({ redirect: value });

describe("single sign-on contracts", () => {
  it("accepts only landing paths of this site, never another origin", () => {
    expect(redirectOf("/keys?tab=active#top").success).toBe(true);
    for (const bad of [
      "//evil.test",
      "/\\evil.test",
      "https://evil.test",
      "keys",
      "/a b",
      "javascript:alert(1)",
    ]) {
      expect(redirectOf(bad).success, bad).toBe(false);
    }
    fc.assert(
      fc.property(fc.string({ maxLength: 60 }), (value) => {
        const parsed = redirectOf(value);
        if (parsed.success) {
          const url = new URL(parsed.data.redirect!, "https://gatehouse.test");
          expect(url.origin).toBe("https://gatehouse.test");
        }
      }),
    );
  });

  it("normalises allowed domains, defaults the switches and refuses bad scopes or issuers", () => {
    const base = { issuer: "https://idp.example.com", clientId: "gh", mapping: { rules: [] } };
    expect(putSso.body!.parse({ ...base, allowedDomains: [" @Acme.Test "] })).toEqual({
      ...base,
      allowedDomains: ["acme.test"],
      extraScopes: [],
      jitProvisioning: false,
      enabled: true,
    });
    expect(putSso.body!.safeParse({ ...base, extraScopes: ["groups roles"] }).success).toBe(false);
    expect(putSso.body!.safeParse({ ...base, issuer: "ftp://idp.example.com" }).success).toBe(false);
    expect(putSso.body!.safeParse({ ...base, allowedDomains: ["not a domain"] }).success).toBe(false);
    expect(
      putSso.body!.safeParse({ ...base, mapping: { rules: [{ group: "g", workspaceRole: "admin" }] } })
        .success,
    ).toBe(false);
  });

  it("never throws on arbitrary bodies: any input parses or fails with issues", () => {
    fc.assert(
      fc.property(fc.anything(), (value) => {
        const parsed = putSso.body!.safeParse(value);
        expect(typeof parsed.success).toBe("boolean");
      }),
    );
  });
});

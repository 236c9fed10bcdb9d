import { describe, expect, it } from "vitest";
import { oidcSsoConfigSchema } from "./oidc-sso-config.js";

const good = {
  issuer: "https://login.example.com",
  clientId: "gatehouse",
  clientSecret: "s3cret",
  redirectUri: "https://gh.example.com/api/auth/oidc/callback",
  mapping: { rules: [{ group: "gh-admins", tenantRole: "admin" }] },
};

describe("oidcSsoConfigSchema", () => {
  it("accepts a minimal configuration and defaults the extra scopes", () => {
    expect(oidcSsoConfigSchema.parse(good)).toEqual({ ...good, extraScopes: [] });
  });

  it("refuses non-http URLs, empty secrets and scopes with spaces", () => {
    expect(oidcSsoConfigSchema.safeParse({ ...good, issuer: "ftp://login.example.com" }).success).toBe(false);
    expect(oidcSsoConfigSchema.safeParse({ ...good, redirectUri: "/callback" }).success).toBe(false);
    expect(oidcSsoConfigSchema.safeParse({ ...good, clientSecret: "" }).success).toBe(false);
    expect(oidcSsoConfigSchema.safeParse({ ...good, extraScopes: ["groups roles"] }).success).toBe(false);
  });
});

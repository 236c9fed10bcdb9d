import { SsoConfigSchema } from "@gatehouse/contracts";
import { describe, expect, it } from "vitest";
import { ssoConfigView } from "./sso-config-view.js";

describe("ssoConfigView", () => {
  it("shows everything but the sealed secret, with the addresses to register, and fits the contract", () => {
    const record = {
      tenantId: "ten_AAAAAAAAAAAAAAAAAAAA",
      issuer: "https://idp.example.com",
      clientId: "gh",
      clientSecretSealed: { keyId: "k1", ciphertext: "c2VjcmV0" },
      clientSecretLastFour: "…wxyz",
      extraScopes: ["groups"],
      mapping: { rules: [{ group: "g", tenantRole: "admin" }] },
      allowedDomains: [],
      jitProvisioning: false,
      enabled: true,
      createdAt: 1,
      updatedAt: 2,
    };
    const view = ssoConfigView(record, "https://gh.example.com/");
    expect(view).not.toHaveProperty("clientSecretSealed");
    expect(JSON.stringify(view)).not.toContain("c2VjcmV0");
    expect(view.redirectUri).toBe("https://gh.example.com/api/auth/sso/callback");
    expect(view.loginUrl).toBe("https://gh.example.com/api/auth/sso/ten_AAAAAAAAAAAAAAAAAAAA/start");
    expect(SsoConfigSchema.parse(view)).toEqual(view);
  });
});

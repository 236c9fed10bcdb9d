import { randomBytes } from "node:crypto";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { SecretBox } from "../../crypto/secret-box.js";
import { createStore } from "../../store/create-store.js";
import type { Store } from "../../store/store.js";
import { loadSsoConfig } from "./load-sso-config.js";

let store: Store;
const box = new SecretBox(randomBytes(32));
beforeEach(async () => {
  store = createStore({ sqlitePath: ":memory:" });
  await store.migrate();
});
afterEach(() => store.close());

describe("loadSsoConfig", () => {
  it("opens the secret of enabled settings, and answers one 404 for missing, disabled or unreadable ones", async () => {
    const tenant = await store.tenants.create({ name: "A" });
    const sso = store.forTenant(tenant.id).sso;
    await expect(loadSsoConfig(store, box, tenant.id)).rejects.toMatchObject({ code: "not_found" });
    const input = {
      issuer: "https://idp.example.com",
      clientId: "gh",
      clientSecretSealed: box.seal("the-secret"),
      clientSecretLastFour: "…",
      extraScopes: [],
      mapping: { rules: [{ group: "g", tenantRole: "admin" }] },
      allowedDomains: [],
      jitProvisioning: true,
      enabled: true,
    };
    await sso.put(input);
    const opened = await loadSsoConfig(store, box, tenant.id);
    expect([opened.clientSecret, opened.mapping.rules[0]?.tenantRole]).toEqual(["the-secret", "admin"]);
    await sso.put({ ...input, enabled: false });
    await expect(loadSsoConfig(store, box, tenant.id)).rejects.toMatchObject({ code: "not_found" });
    await sso.put({ ...input, mapping: { rules: [{ group: "g", tenantRole: "emperor" }] } });
    await expect(loadSsoConfig(store, box, tenant.id)).rejects.toMatchObject({ code: "not_found" });
  });
});

import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { createStore } from "../store/create-store.js";
import type { Store } from "../store/store.js";
import { seedTenant } from "../store/test-stores.js";
import { generateApiKey } from "./api-key-format.js";
import { issueApiKey } from "./issue-api-key.js";
import { KeyResolver } from "./key-resolver.js";

describe("KeyResolver.forgetTenant", () => {
  let store: Store;
  beforeEach(async () => {
    store = createStore({ sqlitePath: ":memory:" });
    await store.migrate();
  });
  afterEach(async () => {
    await store.close();
    vi.restoreAllMocks();
  });

  it("drops one tenant's cached keys and the unknown ones, keeping other tenants' cached", async () => {
    const a = await seedTenant(store, "Acme");
    const b = await seedTenant(store, "Beta");
    const keyA = (await issueApiKey(store, { tenantId: a.tenant.id, workspaceId: a.workspace.id, name: "a" }))
      .secret;
    const keyB = (await issueApiKey(store, { tenantId: b.tenant.id, workspaceId: b.workspace.id, name: "b" }))
      .secret;
    const unknown = generateApiKey();
    const keys = new KeyResolver(store, { now: Date.now });
    await keys.grant(keyA);
    await keys.grant(keyB);
    await expect(keys.grant(unknown)).rejects.toMatchObject({ code: "invalid_api_key" });
    const reads = vi.spyOn(store.apiKeys, "findByHash");
    await keys.grant(keyA);
    await keys.grant(keyB);
    await expect(keys.grant(unknown)).rejects.toMatchObject({ code: "invalid_api_key" });
    expect(reads).not.toHaveBeenCalled(); // all three cached

    keys.forgetTenant(a.tenant.id);
    await keys.grant(keyB);
    expect(reads).not.toHaveBeenCalled();
    await keys.grant(keyA);
    await expect(keys.grant(unknown)).rejects.toMatchObject({ code: "invalid_api_key" });
    expect(reads).toHaveBeenCalledTimes(2);
  });

  it("refuses a key revoked in the store once its tenant is forgotten, though it was cached", async () => {
    const a = await seedTenant(store, "Acme");
    const { apiKey, secret } = await issueApiKey(store, {
      tenantId: a.tenant.id,
      workspaceId: a.workspace.id,
      name: "a",
    });
    const keys = new KeyResolver(store, { now: Date.now });
    await keys.grant(secret);
    await store.apiKeys.revoke(a.tenant.id, apiKey.id);
    await expect(keys.grant(secret)).resolves.toBeDefined(); // still the cached grant
    keys.forgetTenant(a.tenant.id);
    await expect(keys.grant(secret)).rejects.toMatchObject({ code: "revoked_api_key" });
  });
});

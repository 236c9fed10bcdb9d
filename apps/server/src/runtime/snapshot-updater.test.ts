import { randomBytes } from "node:crypto";
import { Writable } from "node:stream";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { issueApiKey } from "../auth/issue-api-key.js";
import { createApp, type GatehouseApp } from "../create-app.js";
import { CredentialVault } from "../crypto/credential-vault.js";
import { SecretBox } from "../crypto/secret-box.js";
import { createLogger } from "../logging/create-logger.js";
import { registerProvider } from "../services/register-provider.js";
import { createStore } from "../store/create-store.js";
import type { Store } from "../store/store.js";
import { seedTenant } from "../store/test-stores.js";

const silent = createLogger("silent", new Writable({ write: (_c, _e, cb) => cb() }));

/** Two tenants, each with one provider (sealed credentials) and one model, and an app over them. */
describe("scoped change propagation in createApp", () => {
  let store: Store;
  let box: SecretBox;
  let vault: CredentialVault;
  let app: GatehouseApp;
  let a: Awaited<ReturnType<typeof seedTenant>>;
  let b: Awaited<ReturnType<typeof seedTenant>>;

  beforeEach(async () => {
    store = createStore({ sqlitePath: ":memory:" });
    await store.migrate();
    box = new SecretBox(randomBytes(32));
    vault = CredentialVault.derivedFrom(box);
    a = await seedTenant(store, "Acme");
    b = await seedTenant(store, "Beta");
    for (const t of [a, b]) {
      await registerProvider(store, vault, {
        tenantId: t.tenant.id,
        kind: "openai",
        name: "p",
        baseUrl: "http://127.0.0.1:9/v1",
        apiKey: "sk-x",
        models: ["m"],
      });
    }
    // A long poll: the test drives every check itself.
    app = await createApp({
      store,
      secretBox: box,
      credentialVault: vault,
      logger: silent,
      refreshIntervalMs: 60_000,
    });
  });
  afterEach(async () => {
    await app.shutdown();
    await store.close();
    vi.restoreAllMocks();
  });

  /** Spies on every catalog read and every decryption. */
  function spies() {
    return {
      open: vi.spyOn(vault, "open"),
      modelsAll: vi.spyOn(store.models, "listAll"),
      modelsOne: vi.spyOn(store.models, "list"),
      providersAll: vi.spyOn(store.providers, "listAll"),
      providersOne: vi.spyOn(store.providers, "list"),
      forgetKeys: vi.spyOn(app.runtime.keys, "forgetTenant"),
      clearKeys: vi.spyOn(app.runtime.keys, "clear"),
    };
  }

  it("creating a key in tenant A reloads no catalog and decrypts nothing; it drops only A's keys", async () => {
    const s = spies();
    const before = app.runtime.catalog;
    await issueApiKey(store, { tenantId: a.tenant.id, workspaceId: a.workspace.id, name: "new" });
    await app.refresh();
    expect(s.forgetKeys.mock.calls).toEqual([[a.tenant.id]]);
    expect(s.clearKeys).not.toHaveBeenCalled();
    for (const spy of [s.open, s.modelsAll, s.modelsOne, s.providersAll, s.providersOne]) {
      expect(spy).not.toHaveBeenCalled();
    }
    expect(app.runtime.catalog).toBe(before);
  });

  it("a rate-limit change in A reloads only A's limits: no catalog, no keys, no decryption", async () => {
    const s = spies();
    const allLimits = vi.spyOn(store.rateLimits, "listAll");
    const before = app.runtime.catalog;
    const created = await store
      .forTenant(a.tenant.id)
      .rateLimits.create({ scopeKind: "tenant", scopeId: a.tenant.id, rpm: 7 });
    // forTenant builds fresh repos: watch what the reload reads through the store.
    const forTenant = vi.spyOn(store, "forTenant");
    await app.refresh();
    expect(forTenant.mock.calls).toEqual([[a.tenant.id]]);
    expect(allLimits).not.toHaveBeenCalled();
    for (const spy of [s.open, s.modelsAll, s.modelsOne, s.forgetKeys, s.clearKeys]) {
      expect(spy).not.toHaveBeenCalled();
    }
    expect(app.runtime.catalog).toBe(before);
    const principal = { id: "key_x", tenantId: a.tenant.id, workspaceId: a.workspace.id, userId: null };
    const scope = {
      id: "req_1",
      surface: "openai",
      principal,
      requestedModel: "m",
      estimate: { promptTokens: 1, maxOutputTokens: 1 },
    };
    const admitted = await app.runtime.admission.admit(scope as never);
    expect(admitted.headers?.["x-ratelimit-limit-requests"]).toBe("7");
    await store.forTenant(a.tenant.id).rateLimits.remove(created.id);
    await app.refresh();
    expect((await app.runtime.admission.admit({ ...scope, id: "req_2" } as never)).headers).toBeUndefined();
  });

  it("a model change in A rebuilds A's part from its open credentials; B's part is untouched", async () => {
    const s = spies();
    const bRoute = app.runtime.catalog.resolve(b.tenant.id, "m");
    expect(bRoute).toBeDefined();
    const [model] = await store.models.list(a.tenant.id);
    await store.models.update(a.tenant.id, model!.id, { aliases: ["alias"] });
    s.modelsOne.mockClear(); // the test's own read above
    await app.refresh();
    expect(app.runtime.catalog.resolve(a.tenant.id, "alias")?.model.name).toBe("m");
    expect(app.runtime.catalog.resolve(b.tenant.id, "m")).toBe(bRoute);
    expect(s.modelsOne.mock.calls).toEqual([[a.tenant.id]]);
    expect(s.open).not.toHaveBeenCalled();
    expect(s.modelsAll).not.toHaveBeenCalled();
    expect(s.providersAll).not.toHaveBeenCalled();
    expect(s.providersOne).not.toHaveBeenCalled();
  });

  it("a provider change in A decrypts only A's credentials", async () => {
    const s = spies();
    const bRoute = app.runtime.catalog.resolve(b.tenant.id, "m");
    await registerProvider(store, vault, {
      tenantId: a.tenant.id,
      kind: "openai",
      name: "q",
      baseUrl: "http://127.0.0.1:9/v1",
      apiKey: "sk-y",
      models: ["n"],
    });
    s.open.mockClear();
    await app.refresh();
    expect(s.providersOne.mock.calls).toEqual([[a.tenant.id]]);
    expect(s.open).toHaveBeenCalledTimes(2); // A's two providers, none of B's
    expect(app.runtime.catalog.resolve(a.tenant.id, "n")).toBeDefined();
    expect(app.runtime.catalog.resolve(b.tenant.id, "m")).toBe(bRoute);
    expect(s.providersAll).not.toHaveBeenCalled();
  });

  it("a tenant whose provider had no model at start-up routes a model added later (a catalog-only change)", async () => {
    const c = await seedTenant(store, "Gamma");
    const { provider } = await registerProvider(store, vault, {
      tenantId: c.tenant.id,
      kind: "openai",
      name: "later",
      baseUrl: "http://127.0.0.1:9/v1",
      apiKey: "sk-z",
      models: [],
    });
    await app.shutdown();
    app = await createApp({
      store,
      secretBox: box,
      credentialVault: vault,
      logger: silent,
      refreshIntervalMs: 60_000,
    });
    const model = await store.models.create({
      tenantId: c.tenant.id,
      name: "late",
      inputPricePerMTok: 0,
      outputPricePerMTok: 0,
      contextWindow: null,
      maxOutputTokens: null,
    });
    await store.models.addDeployment(c.tenant.id, {
      modelId: model.id,
      providerId: provider.id,
      upstreamModel: "late",
      weight: 1,
      priority: 0,
    });
    await app.refresh();
    expect(app.runtime.catalog.resolve(c.tenant.id, "late")?.groups[0]?.[0]?.target).toBeDefined();
  });
});

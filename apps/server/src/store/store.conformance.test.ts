import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createStore } from "./create-store.js";
import type { Store } from "./store.js";
import type { ApiKeyInput, PendingUsage, ProviderInput, UsageFinal } from "./store-types.js";
import { createTestSchema, findTestPostgres } from "./test-databases.js";

/**
 * One suite, every backend (DESIGN.md: every seam with two implementations has one conformance suite).
 * Each test gets a fresh, migrated store with a clock that ticks 1 ms per call.
 */
interface Opened {
  store: Store;
  /** Another store on the same database, when the target has a shared one (a file, a schema). */
  sibling?: () => Store;
  cleanup: () => Promise<void>;
}
interface Target {
  name: string;
  dialect: Store["dialect"];
  skip?: string;
  open: (now: () => number) => Promise<Opened>;
}

const postgres = await findTestPostgres();

const TARGETS: Target[] = [
  {
    name: "sqlite :memory:",
    dialect: "sqlite",
    open: async (now) => {
      const store = createStore({ sqlitePath: ":memory:", now });
      return { store, cleanup: () => store.close() };
    },
  },
  {
    name: "sqlite file",
    dialect: "sqlite",
    open: async (now) => {
      const dir = mkdtempSync(join(tmpdir(), "gatehouse-store-"));
      const sqlitePath = join(dir, "nested", "gatehouse.db");
      const stores = [createStore({ sqlitePath, now })];
      const sibling = () => stores[stores.push(createStore({ sqlitePath, now })) - 1]!;
      const cleanup = async () => {
        for (const s of stores) await s.close();
        rmSync(dir, { recursive: true, force: true });
      };
      return { store: stores[0]!, sibling, cleanup };
    },
  },
  {
    name: "postgres",
    dialect: "postgres",
    ...(postgres.available ? {} : { skip: postgres.reason }),
    open: async (now) => {
      // The schema does not exist yet: migrate() must create it, as it does on a fresh installation.
      const { schema, drop } = await createTestSchema(postgres.url, { create: false });
      const make = () => createStore({ databaseUrl: postgres.url, pgSchema: schema, now });
      const stores = [make()];
      const sibling = () => stores[stores.push(make()) - 1]!;
      const cleanup = async () => {
        for (const s of stores) await s.close();
        await drop();
      };
      return { store: stores[0]!, sibling, cleanup };
    },
  },
];

function tickingClock(start = 1_700_000_000_000): () => number {
  let t = start;
  return () => ++t;
}

async function seedTenant(store: Store, name = "Acme") {
  const tenant = await store.tenants.create({ name });
  const workspace = await store.workspaces.create({ tenantId: tenant.id, name: "default" });
  return { tenant, workspace };
}

function keyInput(tenantId: string, workspaceId: string, hash: string): ApiKeyInput {
  return {
    tenantId,
    workspaceId,
    userId: null,
    name: "ci",
    keyHash: hash,
    keyPrefix: "gh_abc",
    expiresAt: null,
  };
}

function providerInput(tenantId: string, name: string): ProviderInput {
  return {
    tenantId,
    name,
    kind: "openai",
    baseUrl: "https://api.openai.com/v1",
    credentials: { keyId: "0123456789abcdef", ciphertext: "c2VhbGVk" },
    config: { headers: ["x-org"], nested: { apiVersion: "2024-01-01" } },
  };
}

function pending(
  id: string,
  tenantId: string,
  startedAt: number,
  extra: Partial<PendingUsage> = {},
): PendingUsage {
  return {
    id,
    tenantId,
    workspaceId: "ws_x",
    apiKeyId: "key_x",
    userId: "usr_x",
    model: "gpt-4o",
    providerId: "prv_x",
    deploymentId: "dep_x",
    upstreamModel: "gpt-4o-2024-08-06",
    surface: "openai.chat",
    stream: true,
    startedAt,
    ...extra,
  };
}

function final(id: string, extra: Partial<UsageFinal> = {}): UsageFinal {
  return {
    id,
    status: "success",
    httpStatus: 200,
    errorCode: null,
    inputTokens: 120,
    outputTokens: 45,
    cacheReadTokens: 10,
    cacheWriteTokens: 5,
    reasoningTokens: 3,
    usageEstimated: false,
    costNano: 5_000_000_000_123,
    finishedAt: 1_700_000_100_000,
    ttfbMs: 250,
    attempts: [{ provider: "openai", status: 200, ms: 300 }],
    cacheWrite1hTokens: 2,
    imageTokens: 7,
    audioTokens: 1,
    priceVersion: "2026-11-01",
    unpriced: false,
    streamOutcome: "completed",
    latencyMs: 1_234,
    ...extra,
  };
}

for (const target of TARGETS) {
  describe.skipIf(target.skip !== undefined)(target.name, () => {
    let opened: Opened;
    let store: Store;
    let clock: () => number;

    beforeEach(async () => {
      clock = tickingClock();
      opened = await target.open(clock);
      store = opened.store;
      await store.migrate();
    });
    afterEach(async () => {
      await opened.cleanup();
    });

    describe("lifecycle", () => {
      it("reports its dialect, answers ping and starts at revision 0", async () => {
        expect(store.dialect).toBe(target.dialect);
        await expect(store.ping()).resolves.toBeUndefined();
        expect(await store.revision()).toBe(0);
      });

      it("tells migrated from not, and migrating twice changes nothing", async () => {
        const fresh = await target.open(clock);
        try {
          expect(await fresh.store.isMigrated()).toBe(false);
          await fresh.store.migrate();
          await fresh.store.migrate();
          expect(await fresh.store.isMigrated()).toBe(true);
        } finally {
          await fresh.cleanup();
        }
        expect(await store.isMigrated()).toBe(true);
        await store.migrate();
        expect(await store.revision()).toBe(0);
      });

      // PostgreSQL only: SQLite is embedded, one process per file (Kysely takes no lock there).
      it("migrates concurrently from several instances on one fresh database", async (ctx) => {
        if (!opened.sibling || target.dialect !== "postgres") ctx.skip();
        const fresh = await target.open(clock);
        try {
          const instances = [fresh.store, fresh.sibling!(), fresh.sibling!()];
          await Promise.all(instances.map((s) => s.migrate()));
          for (const s of instances) expect(await s.isMigrated()).toBe(true);
          expect(await instances[1]!.revision()).toBe(0);
          const tenant = await instances[0]!.tenants.create({ name: "one" });
          expect(await instances[2]!.tenants.get(tenant.id)).toEqual(tenant);
        } finally {
          await fresh.cleanup();
        }
      });

      it("sees another instance's writes on a shared database", async (ctx) => {
        if (!opened.sibling) ctx.skip();
        const other = opened.sibling!();
        await other.migrate();
        const tenant = await store.tenants.create({ name: "shared" });
        expect(await other.tenants.get(tenant.id)).toEqual(tenant);
        await other.providers.create(providerInput(tenant.id, "p"));
        expect(await store.revision()).toBe(1);
      });

      it("releases the database on close: a closed store refuses queries", async () => {
        await store.close();
        await expect(store.ping()).rejects.toThrow();
      });
    });

    describe("tenants, workspaces, users", () => {
      it("creates and reads tenants, listed oldest first", async () => {
        const a = await store.tenants.create({ name: "A" });
        const b = await store.tenants.create({ name: "B" });
        expect(a.id).toMatch(/^ten_[0-9A-Za-z]{20}$/);
        expect(a.createdAt).toBeLessThan(b.createdAt);
        expect(await store.tenants.get(a.id)).toEqual(a);
        expect(await store.tenants.get("ten_missing")).toBeUndefined();
        expect(await store.tenants.list()).toEqual([a, b]);
      });

      it("scopes workspaces to their tenant", async () => {
        const { tenant, workspace } = await seedTenant(store, "A");
        const other = await seedTenant(store, "B");
        expect(workspace).toMatchObject({ tenantId: tenant.id, name: "default" });
        expect(workspace.id).toMatch(/^ws_/);
        expect(typeof workspace.createdAt).toBe("number");
        expect(await store.workspaces.get(tenant.id, workspace.id)).toEqual(workspace);
        expect(await store.workspaces.get(other.tenant.id, workspace.id)).toBeUndefined();
        expect(await store.workspaces.list(tenant.id)).toEqual([workspace]);
        await expect(store.workspaces.create({ tenantId: "ten_missing", name: "x" })).rejects.toMatchObject({
          name: "GatewayError",
          code: "not_found",
        });
      });

      it("finds users by email whatever the case, scopes reads, and counts", async () => {
        const { tenant } = await seedTenant(store, "A");
        const other = await seedTenant(store, "B");
        expect(await store.users.count()).toBe(0);
        const input = {
          tenantId: tenant.id,
          name: "Ada",
          role: "owner" as const,
          passwordHash: "$argon2id$x",
        };
        const ada = await store.users.create({ ...input, email: "Ada@Example.com" });
        expect(ada).toMatchObject({ ...input, email: "Ada@Example.com" });
        expect(ada.id).toMatch(/^usr_/);
        expect(await store.users.findByEmail("ada@example.COM")).toEqual(ada);
        expect(await store.users.findByEmail("bob@example.com")).toBeUndefined();
        expect(await store.users.get(tenant.id, ada.id)).toEqual(ada);
        expect(await store.users.get(other.tenant.id, ada.id)).toBeUndefined();
        expect(await store.users.list(tenant.id)).toEqual([ada]);
        expect(await store.users.list(other.tenant.id)).toEqual([]);
        expect(await store.users.count()).toBe(1);
      });

      it("refuses a second user with the same email in any case, in any tenant, as a conflict", async () => {
        const { tenant } = await seedTenant(store, "A");
        const other = await seedTenant(store, "B");
        const user = { name: "Ada", role: "member" as const, passwordHash: "h" };
        await store.users.create({ ...user, tenantId: tenant.id, email: "ada@example.com" });
        await expect(
          store.users.create({ ...user, tenantId: other.tenant.id, email: "ADA@example.com" }),
        ).rejects.toMatchObject({ name: "GatewayError", code: "conflict" });
        expect(await store.users.count()).toBe(1);
      });
    });

    describe("api keys", () => {
      it("creates a key (bumping the revision) and finds it by hash from any tenant", async () => {
        const { tenant, workspace } = await seedTenant(store);
        const key = await store.apiKeys.create({
          ...keyInput(tenant.id, workspace.id, "a".repeat(64)),
          expiresAt: 42,
        });
        expect(key.id).toMatch(/^key_/);
        expect(key).toMatchObject({ revokedAt: null, expiresAt: 42, userId: null, keyPrefix: "gh_abc" });
        expect(await store.revision()).toBe(1);
        expect(await store.apiKeys.findByHash("a".repeat(64))).toEqual(key);
        expect(await store.apiKeys.findByHash("b".repeat(64))).toBeUndefined();
      });

      it("scopes get and list to the tenant", async () => {
        const a = await seedTenant(store, "A");
        const b = await seedTenant(store, "B");
        const key = await store.apiKeys.create(keyInput(a.tenant.id, a.workspace.id, "h1"));
        expect(await store.apiKeys.get(a.tenant.id, key.id)).toEqual(key);
        expect(await store.apiKeys.get(b.tenant.id, key.id)).toBeUndefined();
        expect(await store.apiKeys.list(a.tenant.id)).toEqual([key]);
        expect(await store.apiKeys.list(b.tenant.id)).toEqual([]);
      });

      it("links a user of the same tenant and refuses another tenant's workspace or user", async () => {
        const a = await seedTenant(store, "A");
        const b = await seedTenant(store, "B");
        const user = { name: "U", role: "member" as const, passwordHash: "h" };
        const userA = await store.users.create({ ...user, tenantId: a.tenant.id, email: "a@x.io" });
        const userB = await store.users.create({ ...user, tenantId: b.tenant.id, email: "b@x.io" });
        const linked = await store.apiKeys.create({
          ...keyInput(a.tenant.id, a.workspace.id, "h1"),
          userId: userA.id,
        });
        expect(linked.userId).toBe(userA.id);
        await expect(store.apiKeys.create(keyInput(a.tenant.id, b.workspace.id, "h2"))).rejects.toMatchObject(
          {
            code: "not_found",
          },
        );
        await expect(
          store.apiKeys.create({ ...keyInput(a.tenant.id, a.workspace.id, "h3"), userId: userB.id }),
        ).rejects.toMatchObject({ code: "not_found" });
        expect(await store.revision()).toBe(1);
      });

      it("refuses a duplicate key hash as a conflict, without bumping the revision", async () => {
        const { tenant, workspace } = await seedTenant(store);
        await store.apiKeys.create(keyInput(tenant.id, workspace.id, "same"));
        await expect(store.apiKeys.create(keyInput(tenant.id, workspace.id, "same"))).rejects.toMatchObject({
          name: "GatewayError",
          code: "conflict",
        });
        expect(await store.revision()).toBe(1);
        expect(await store.apiKeys.list(tenant.id)).toHaveLength(1);
      });

      it("revokes once, only within the tenant, bumping the revision only when it changed", async () => {
        const a = await seedTenant(store, "A");
        const b = await seedTenant(store, "B");
        const key = await store.apiKeys.create(keyInput(a.tenant.id, a.workspace.id, "h"));
        expect(await store.apiKeys.revoke(b.tenant.id, key.id)).toBe(false);
        expect(await store.apiKeys.revoke(a.tenant.id, "key_missing")).toBe(false);
        expect(await store.revision()).toBe(1);
        expect(await store.apiKeys.revoke(a.tenant.id, key.id)).toBe(true);
        expect(await store.revision()).toBe(2);
        const revoked = await store.apiKeys.findByHash("h");
        expect(revoked?.revokedAt).toBeGreaterThan(key.createdAt);
        expect(await store.apiKeys.revoke(a.tenant.id, key.id)).toBe(false);
        expect(await store.revision()).toBe(2);
        expect((await store.apiKeys.findByHash("h"))?.revokedAt).toBe(revoked?.revokedAt);
      });
    });

    describe("providers", () => {
      it("stores sealed credentials and JSON config as given, and bumps the revision", async () => {
        const { tenant } = await seedTenant(store);
        const input = providerInput(tenant.id, "openai");
        const provider = await store.providers.create(input);
        expect(provider.id).toMatch(/^prv_/);
        expect(provider).toMatchObject(input);
        expect(await store.providers.get(tenant.id, provider.id)).toEqual(provider);
        expect(await store.providers.findByName(tenant.id, "openai")).toEqual(provider);
        expect(await store.revision()).toBe(1);
        const local = await store.providers.create({
          ...input,
          name: "ollama",
          kind: "ollama",
          credentials: null,
        });
        expect((await store.providers.get(tenant.id, local.id))?.credentials).toBeNull();
      });

      it("lists by name within the tenant, and every tenant's for the snapshot", async () => {
        const a = await seedTenant(store, "A");
        const b = await seedTenant(store, "B");
        const zeta = await store.providers.create(providerInput(a.tenant.id, "zeta"));
        const alpha = await store.providers.create(providerInput(a.tenant.id, "alpha"));
        const other = await store.providers.create(providerInput(b.tenant.id, "alpha"));
        expect(await store.providers.list(a.tenant.id)).toEqual([alpha, zeta]);
        expect(await store.providers.get(b.tenant.id, alpha.id)).toBeUndefined();
        expect(await store.providers.findByName(b.tenant.id, "zeta")).toBeUndefined();
        const all = await store.providers.listAll();
        expect(all).toHaveLength(3);
        expect(all).toEqual(expect.arrayContaining([alpha, zeta, other]));
      });

      it("refuses a duplicate name in one tenant as a conflict and leaves the revision alone", async () => {
        const { tenant } = await seedTenant(store);
        await store.providers.create(providerInput(tenant.id, "openai"));
        await expect(store.providers.create(providerInput(tenant.id, "openai"))).rejects.toMatchObject({
          name: "GatewayError",
          code: "conflict",
        });
        expect(await store.revision()).toBe(1);
      });

      it("removes only within the tenant, once", async () => {
        const a = await seedTenant(store, "A");
        const b = await seedTenant(store, "B");
        const provider = await store.providers.create(providerInput(a.tenant.id, "p"));
        expect(await store.providers.remove(b.tenant.id, provider.id)).toBe(false);
        expect(await store.revision()).toBe(1);
        expect(await store.providers.remove(a.tenant.id, provider.id)).toBe(true);
        expect(await store.revision()).toBe(2);
        expect(await store.providers.get(a.tenant.id, provider.id)).toBeUndefined();
        expect(await store.providers.remove(a.tenant.id, provider.id)).toBe(false);
        expect(await store.revision()).toBe(2);
      });
    });

    describe("models and deployments", () => {
      const price = { inputPricePerMTok: 2_500_000_000, outputPricePerMTok: 15_000_000_000 };
      const modelInput = (tenantId: string, name: string) => ({
        tenantId,
        name,
        ...price,
        contextWindow: 128_000,
        maxOutputTokens: null,
      });

      it("creates models with integer nano-USD prices beyond 32 bits and finds them", async () => {
        const { tenant } = await seedTenant(store);
        const model = await store.models.create(modelInput(tenant.id, "gpt-4o"));
        expect(model.id).toMatch(/^mdl_/);
        expect(await store.models.get(tenant.id, model.id)).toEqual(model);
        expect(await store.models.findByName(tenant.id, "gpt-4o")).toEqual(model);
        expect(model).toMatchObject({ ...price, contextWindow: 128_000, maxOutputTokens: null });
        expect(typeof (await store.models.get(tenant.id, model.id))?.outputPricePerMTok).toBe("number");
        expect(await store.revision()).toBe(1);
      });

      it("lists models with their deployments in priority order", async () => {
        const { tenant } = await seedTenant(store);
        const provider = await store.providers.create(providerInput(tenant.id, "p"));
        const model = await store.models.create(modelInput(tenant.id, "openai/*"));
        const bare = await store.models.create(modelInput(tenant.id, "alpha"));
        const dep = { modelId: model.id, providerId: provider.id, upstreamModel: "*", weight: 1 };
        const second = await store.models.addDeployment(tenant.id, { ...dep, priority: 2 });
        const first = await store.models.addDeployment(tenant.id, { ...dep, priority: 1, weight: 3 });
        expect(first.id).toMatch(/^dep_/);
        expect(first).toMatchObject({ ...dep, priority: 1, weight: 3 });
        expect(await store.revision()).toBe(5);
        const listed = await store.models.list(tenant.id);
        expect(listed).toEqual([
          { ...bare, deployments: [] },
          { ...model, deployments: [first, second] },
        ]);
        expect(await store.models.listAll()).toEqual(listed);
      });

      it("keeps tenants apart: reads, duplicate names, deployments, removals", async () => {
        const a = await seedTenant(store, "A");
        const b = await seedTenant(store, "B");
        const modelA = await store.models.create(modelInput(a.tenant.id, "m"));
        const modelB = await store.models.create(modelInput(b.tenant.id, "m"));
        const provA = await store.providers.create(providerInput(a.tenant.id, "p"));
        const provB = await store.providers.create(providerInput(b.tenant.id, "p"));
        expect(await store.models.get(b.tenant.id, modelA.id)).toBeUndefined();
        expect(await store.models.findByName(b.tenant.id, "m")).toEqual(modelB);
        expect((await store.models.list(a.tenant.id)).map((m) => m.id)).toEqual([modelA.id]);
        expect(await store.models.listAll()).toHaveLength(2);
        await expect(store.models.create(modelInput(a.tenant.id, "m"))).rejects.toMatchObject({
          code: "conflict",
        });
        const revision = await store.revision();
        const dep = { upstreamModel: "x", weight: 1, priority: 0 };
        await expect(
          store.models.addDeployment(a.tenant.id, { ...dep, modelId: modelA.id, providerId: provB.id }),
        ).rejects.toMatchObject({ name: "GatewayError", code: "not_found" });
        await expect(
          store.models.addDeployment(a.tenant.id, { ...dep, modelId: modelB.id, providerId: provA.id }),
        ).rejects.toMatchObject({ code: "not_found" });
        const deployment = await store.models.addDeployment(a.tenant.id, {
          ...dep,
          modelId: modelA.id,
          providerId: provA.id,
        });
        expect(await store.revision()).toBe(revision + 1);
        expect(await store.models.removeDeployment(b.tenant.id, deployment.id)).toBe(false);
        expect(await store.models.remove(b.tenant.id, modelA.id)).toBe(false);
        expect(await store.revision()).toBe(revision + 1);
        expect(await store.models.removeDeployment(a.tenant.id, deployment.id)).toBe(true);
        expect(await store.models.removeDeployment(a.tenant.id, deployment.id)).toBe(false);
        expect(await store.models.remove(a.tenant.id, modelA.id)).toBe(true);
        expect(await store.models.remove(a.tenant.id, modelA.id)).toBe(false);
        expect(await store.revision()).toBe(revision + 3);
      });

      it("cascades: removing a model or a provider removes their deployments", async () => {
        const { tenant } = await seedTenant(store);
        const p1 = await store.providers.create(providerInput(tenant.id, "p1"));
        const p2 = await store.providers.create(providerInput(tenant.id, "p2"));
        const m1 = await store.models.create(modelInput(tenant.id, "m1"));
        const m2 = await store.models.create(modelInput(tenant.id, "m2"));
        const dep = { upstreamModel: "x", weight: 1, priority: 0 };
        for (const modelId of [m1.id, m2.id]) {
          for (const providerId of [p1.id, p2.id])
            await store.models.addDeployment(tenant.id, { ...dep, modelId, providerId });
        }
        expect(await store.providers.remove(tenant.id, p1.id)).toBe(true);
        const afterProvider = await store.models.list(tenant.id);
        expect(afterProvider.map((m) => m.deployments.map((d) => d.providerId))).toEqual([[p2.id], [p2.id]]);
        expect(await store.models.remove(tenant.id, m1.id)).toBe(true);
        const remaining = await store.models.listAll();
        expect(remaining.map((m) => [m.id, m.deployments.length])).toEqual([[m2.id, 1]]);
        const orphan = remaining[0]!.deployments[0]!;
        expect(await store.models.removeDeployment(tenant.id, orphan.id)).toBe(true);
      });
    });

    describe("usage", () => {
      const T0 = 1_700_000_000_000;

      it("inserts pending records with zero usage, and ignores ids that exist", async () => {
        await store.usage.insertPending([pending("req_1", "ten_a", T0), pending("req_2", "ten_a", T0 + 1)]);
        const record = await store.usage.get("ten_a", "req_1");
        expect(record).toEqual({
          ...pending("req_1", "ten_a", T0),
          status: "pending",
          httpStatus: null,
          errorCode: null,
          inputTokens: 0,
          outputTokens: 0,
          cacheReadTokens: 0,
          cacheWriteTokens: 0,
          reasoningTokens: 0,
          usageEstimated: false,
          costNano: 0,
          finishedAt: null,
          ttfbMs: null,
          attempts: [],
          cacheWrite1hTokens: 0,
          imageTokens: 0,
          audioTokens: 0,
          priceVersion: null,
          unpriced: false,
          streamOutcome: null,
          latencyMs: null,
        });
        expect(typeof record?.startedAt).toBe("number");
        await store.usage.insertPending([
          pending("req_1", "ten_a", T0 + 99, { model: "changed", stream: false }),
          pending("req_3", "ten_a", T0 + 2),
          pending("req_3", "ten_a", T0 + 3),
        ]);
        expect(await store.usage.get("ten_a", "req_1")).toEqual(record);
        expect((await store.usage.get("ten_a", "req_3"))?.startedAt).toBe(T0 + 2);
        await store.usage.insertPending([]);
        expect(await store.usage.list({ tenantId: "ten_a" })).toHaveLength(3);
      });

      it("finalizes only pending records, so a second final changes nothing", async () => {
        await store.usage.insertPending([pending("req_1", "ten_a", T0)]);
        await store.usage.finalize([final("req_1"), final("req_missing")]);
        const done = await store.usage.get("ten_a", "req_1");
        expect(done).toMatchObject({ ...final("req_1"), startedAt: T0, model: "gpt-4o" });
        expect(done?.costNano).toBe(5_000_000_000_123);
        await store.usage.finalize([final("req_1", { status: "error", costNano: 1, attempts: [] })]);
        expect(await store.usage.get("ten_a", "req_1")).toEqual(done);
        expect(await store.usage.get("ten_a", "req_missing")).toBeUndefined();
        await store.usage.finalize([]);
      });

      it("keeps awkward text intact and tells null from the string 'NULL'", async () => {
        const awkward = "a\"b,{c}\\d'e ü ✓ \n";
        await store.usage.insertPending([
          pending("req_1", "ten_a", T0, {
            model: awkward,
            upstreamModel: "NULL",
            providerId: null,
            deploymentId: null,
          }),
        ]);
        const attempts = [{ note: awkward, nested: [null, "NULL", { q: '"' }] }];
        await store.usage.finalize([final("req_1", { errorCode: "NULL", attempts })]);
        expect(await store.usage.get("ten_a", "req_1")).toMatchObject({
          model: awkward,
          upstreamModel: "NULL",
          providerId: null,
          deploymentId: null,
          errorCode: "NULL",
          attempts,
        });
      });

      it("keeps the first final of an id within one batch, and stores nulls and flags", async () => {
        await store.usage.insertPending([pending("req_1", "ten_a", T0)]);
        const interrupted = final("req_1", {
          status: "interrupted",
          httpStatus: null,
          errorCode: "stream_interrupted",
          usageEstimated: true,
          ttfbMs: null,
        });
        await store.usage.finalize([interrupted, final("req_1")]);
        expect(await store.usage.get("ten_a", "req_1")).toMatchObject(interrupted);
      });

      it("writes batches larger than one statement, all or nothing per call", async () => {
        const ids = Array.from({ length: 1_234 }, (_, i) => `req_${String(i).padStart(5, "0")}`);
        await store.usage.insertPending(ids.map((id, i) => pending(id, "ten_a", T0 + i)));
        expect(await store.usage.listStalePending(T0 + 10_000, 5_000)).toHaveLength(1_234);
        await store.usage.finalize(ids.map((id, i) => final(id, { outputTokens: i })));
        expect(await store.usage.listStalePending(T0 + 10_000, 5_000)).toEqual([]);
        expect((await store.usage.get("ten_a", "req_01233"))?.outputTokens).toBe(1_233);
        expect((await store.usage.get("ten_a", "req_00000"))?.status).toBe("success");
      });

      it("lists a tenant's records newest first, filtered and limited", async () => {
        await store.usage.insertPending([
          pending("r1", "ten_a", T0 + 1, { apiKeyId: "key_1" }),
          pending("r2", "ten_a", T0 + 2, { apiKeyId: "key_2" }),
          pending("r3", "ten_a", T0 + 3, { apiKeyId: "key_1" }),
          pending("r4", "ten_b", T0 + 4, { apiKeyId: "key_1" }),
        ]);
        await store.usage.finalize([final("r3")]);
        const ids = async (q: Parameters<Store["usage"]["list"]>[0]) =>
          (await store.usage.list(q)).map((r) => r.id);
        expect(await ids({ tenantId: "ten_a" })).toEqual(["r3", "r2", "r1"]);
        expect(await ids({ tenantId: "ten_a", apiKeyId: "key_1" })).toEqual(["r3", "r1"]);
        expect(await ids({ tenantId: "ten_a", status: "pending" })).toEqual(["r2", "r1"]);
        expect(await ids({ tenantId: "ten_a", since: T0 + 2 })).toEqual(["r3", "r2"]);
        expect(await ids({ tenantId: "ten_a", limit: 1 })).toEqual(["r3"]);
        expect(await ids({ tenantId: "ten_c" })).toEqual([]);
        expect(await store.usage.get("ten_b", "r1")).toBeUndefined();
      });

      it("lists stale pending records of every tenant, oldest first, up to the limit", async () => {
        await store.usage.insertPending([
          pending("r1", "ten_a", T0 + 30),
          pending("r2", "ten_b", T0 + 10),
          pending("r3", "ten_a", T0 + 20),
          pending("r4", "ten_a", T0 + 500),
        ]);
        await store.usage.finalize([final("r3")]);
        const stale = async (before: number, limit: number) =>
          (await store.usage.listStalePending(before, limit)).map((r) => r.id);
        expect(await stale(T0 + 100, 10)).toEqual(["r2", "r1"]);
        expect(await stale(T0 + 100, 1)).toEqual(["r2"]);
        expect(await stale(T0 + 10, 10)).toEqual([]);
        expect(await stale(T0 + 1_000, 10)).toEqual(["r2", "r1", "r4"]);
      });
    });
  });
}

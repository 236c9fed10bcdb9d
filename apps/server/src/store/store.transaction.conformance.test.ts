import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Store } from "./store.js";
import type { PendingUsage } from "./store-types.js";
import { findStoreTargets, seedTenant, type TestClock, testClock, testKeyInput } from "./test-stores.js";

/**
 * `store.transaction` on every backend (all or nothing, nested calls joining the outer transaction, the
 * usage writer inside it), and what migration 0003 added to the existing repositories: users become
 * members of their tenant, keys carry allow-lists, metadata and a last-used time.
 */

function pending(id: string, tenantId: string, startedAt: number): PendingUsage {
  return {
    id,
    tenantId,
    workspaceId: "ws_x",
    apiKeyId: "key_x",
    userId: null,
    model: "gpt-4o",
    providerId: null,
    deploymentId: null,
    upstreamModel: null,
    surface: "openai.chat",
    stream: false,
    startedAt,
  };
}

class Boom extends Error {}

for (const target of await findStoreTargets()) {
  describe.skipIf(target.skip !== undefined)(`Store.transaction and 0003 additions on ${target.name}`, () => {
    let store: Store;
    let clock: TestClock;
    let cleanup: () => Promise<void>;

    beforeEach(async () => {
      clock = testClock();
      ({ store, cleanup } = await target.open(clock.now));
      await store.migrate();
    });
    afterEach(() => cleanup());

    it("commits every write of the function together, and answers its value", async () => {
      const { tenant } = await seedTenant(store, "A");
      const result = await store.transaction(async (tx) => {
        const ws = await tx.forTenant(tenant.id).workspaces.create({ name: "ml", allowedModels: null });
        const key = await tx.apiKeys.create(testKeyInput(tenant.id, ws.id));
        await tx.usage.insertPending([pending("req_1", tenant.id, clock.t)]);
        await tx.forTenant(tenant.id).audit.append({
          actorKind: "system",
          actorId: null,
          action: "workspaces.create",
          targetKind: "workspace",
          targetId: ws.id,
          ip: null,
          userAgent: null,
          before: null,
          after: ws,
        });
        return { ws, key };
      });
      expect(await store.forTenant(tenant.id).workspaces.get(result.ws.id)).toEqual(result.ws);
      expect(await store.apiKeys.findByHash(result.key.keyHash)).toEqual(result.key);
      expect(await store.usage.get(tenant.id, "req_1")).toMatchObject({ status: "pending" });
      expect((await store.forTenant(tenant.id).audit.list({ limit: 5, order: "desc" })).items).toHaveLength(
        1,
      );
      expect(await store.revision()).toBe(2);
    });

    it("writes nothing when the function throws, and rethrows its error", async () => {
      const { tenant, workspace, owner } = await seedTenant(store, "A");
      const revision = await store.revision();
      const attempt = store.transaction(async (tx) => {
        const T = tx.forTenant(tenant.id);
        await tx.tenants.create({ name: "never" });
        await T.workspaces.create({ name: "never", allowedModels: null });
        await tx.apiKeys.create(testKeyInput(tenant.id, workspace.id));
        await T.members.setRole(owner.id, "viewer");
        await tx.usage.insertPending([pending("req_lost", tenant.id, clock.t)]);
        await tx.users.create({
          tenantId: tenant.id,
          email: "lost@a.test",
          name: "L",
          role: "member",
          passwordHash: "h",
        });
        throw new Boom("stop");
      });
      await expect(attempt).rejects.toBeInstanceOf(Boom);
      expect((await store.tenants.list()).map((t) => t.name)).toEqual(["A"]);
      expect((await store.workspaces.list(tenant.id)).map((w) => w.id)).toEqual([workspace.id]);
      expect(await store.apiKeys.list(tenant.id)).toEqual([]);
      expect(await store.forTenant(tenant.id).members.get(owner.id)).toMatchObject({ role: "owner" });
      expect(await store.usage.get(tenant.id, "req_lost")).toBeUndefined();
      expect(await store.users.findByEmail("lost@a.test")).toBeUndefined();
      expect(await store.revision()).toBe(revision);
    });

    it("runs nested transactions in the outer one: an inner failure rolls back everything", async () => {
      const { tenant } = await seedTenant(store, "A");
      const value = await store.transaction(async (tx) => {
        await tx.tenants.create({ name: "outer" });
        return tx.transaction(async (inner) => {
          expect(inner).toBe(tx);
          await inner.tenants.create({ name: "inner" });
          return 42;
        });
      });
      expect(value).toBe(42);
      await expect(
        store.transaction(async (tx) => {
          await tx.tenants.create({ name: "outer-lost" });
          await tx.transaction(async (inner) => {
            await inner.forTenant(tenant.id).roles.create({ name: "lost", permissions: [] });
            throw new Boom("inner");
          });
        }),
      ).rejects.toBeInstanceOf(Boom);
      expect((await store.tenants.list()).map((t) => t.name)).toEqual(["A", "outer", "inner"]);
      expect((await store.forTenant(tenant.id).roles.list({ limit: 5, order: "asc" })).items).toEqual([]);
    });

    it("refuses migrate, isMigrated and close inside a transaction, and still answers ping and revision", async () => {
      await store.transaction(async (tx) => {
        await expect(tx.ping()).resolves.toBeUndefined();
        expect(await tx.revision()).toBe(0);
        await expect(tx.migrate()).rejects.toThrow(/inside a transaction/);
        await expect(tx.close()).rejects.toThrow(/inside a transaction/);
        await expect(tx.isMigrated()).rejects.toThrow(/inside a transaction/);
      });
      await expect(store.ping()).resolves.toBeUndefined();
    });

    // PostgreSQL only: SQLite has one connection, which the transaction holds until it ends.
    if (target.dialect === "postgres") {
      it("keeps uncommitted writes invisible to other connections", async () => {
        let release!: () => void;
        const held = new Promise<void>((resolve) => {
          release = resolve;
        });
        let created!: string;
        const running = store.transaction(async (tx) => {
          created = (await tx.tenants.create({ name: "pending" })).id;
          await held;
        });
        await expect.poll(() => created).toBeDefined();
        expect(await store.tenants.get(created)).toBeUndefined();
        release();
        await running;
        expect(await store.tenants.get(created)).toMatchObject({ name: "pending" });
      });
    }

    it("makes every new user a member of its tenant, and finds users by id in any tenant", async () => {
      const { tenant, owner } = await seedTenant(store, "A");
      expect(await store.forTenant(tenant.id).members.get(owner.id)).toMatchObject({ role: "owner" });
      const verified = await store.users.create({
        tenantId: tenant.id,
        email: "v@a.test",
        name: "V",
        role: "viewer",
        passwordHash: "h",
        emailVerifiedAt: 123,
      });
      expect(verified).toMatchObject({ emailVerifiedAt: 123, sessionsValidAfter: 0 });
      expect(await store.users.findById(verified.id)).toEqual(verified);
      expect(await store.users.findById("usr_missing")).toBeUndefined();
      expect(await store.forTenant(tenant.id).members.countWithRole("viewer")).toBe(1);
      await expect(
        store.users.create({
          tenantId: tenant.id,
          email: "V@A.test",
          name: "V",
          role: "member",
          passwordHash: "h",
        }),
      ).rejects.toMatchObject({ code: "conflict" });
      expect((await store.forTenant(tenant.id).members.list({ limit: 10, order: "asc" })).items).toHaveLength(
        2,
      );
    });

    it("renames a tenant; not_found for one that does not exist", async () => {
      const { tenant } = await seedTenant(store, "A");
      expect(await store.tenants.rename(tenant.id, "Acme Inc")).toEqual({ ...tenant, name: "Acme Inc" });
      expect(await store.tenants.get(tenant.id)).toEqual({ ...tenant, name: "Acme Inc" });
      await expect(store.tenants.rename("ten_missing", "x")).rejects.toMatchObject({ code: "not_found" });
    });

    it("stores a key's allow-lists, metadata and service account, with defaults when left out", async () => {
      const { tenant, workspace } = await seedTenant(store, "A");
      const plain = await store.apiKeys.create(testKeyInput(tenant.id, workspace.id));
      expect(plain).toMatchObject({
        serviceAccountId: null,
        allowedModels: null,
        allowedCidrs: null,
        metadata: {},
        lastUsedAt: null,
      });
      const sa = await store.forTenant(tenant.id).serviceAccounts.create({
        workspaceId: workspace.id,
        name: "bot",
        role: "member",
      });
      const input = testKeyInput(tenant.id, workspace.id, {
        serviceAccountId: sa.id,
        allowedModels: ["gpt-4o", "claude-*"],
        allowedCidrs: ["10.0.0.0/8", "2001:db8::/32"],
        metadata: { team: "ml", "cost-center": "42" },
      });
      const full = await store.apiKeys.create(input);
      expect(full).toMatchObject({ ...input, lastUsedAt: null, revokedAt: null });
      expect(await store.apiKeys.findByHash(input.keyHash)).toEqual(full);
      expect(await store.apiKeys.get(tenant.id, full.id)).toEqual(full);
    });

    it("records last use in batches, only moving forward, without bumping the revision", async () => {
      const { tenant, workspace } = await seedTenant(store, "A");
      const a = await store.apiKeys.create(testKeyInput(tenant.id, workspace.id));
      const b = await store.apiKeys.create(testKeyInput(tenant.id, workspace.id));
      const revision = await store.revision();
      await store.apiKeys.touchLastUsed([]);
      await store.apiKeys.touchLastUsed([
        { id: a.id, at: 1000 },
        { id: b.id, at: 2000 },
        { id: a.id, at: 1500 },
        { id: "key_missing", at: 9 },
      ]);
      expect((await store.apiKeys.get(tenant.id, a.id))?.lastUsedAt).toBe(1500);
      expect((await store.apiKeys.get(tenant.id, b.id))?.lastUsedAt).toBe(2000);
      await store.apiKeys.touchLastUsed([
        { id: a.id, at: 1200 },
        { id: b.id, at: 3000 },
      ]);
      expect((await store.apiKeys.get(tenant.id, a.id))?.lastUsedAt).toBe(1500);
      expect((await store.apiKeys.get(tenant.id, b.id))?.lastUsedAt).toBe(3000);
      expect(await store.revision()).toBe(revision);
    });
  });
}

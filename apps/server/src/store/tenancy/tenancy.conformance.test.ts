import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Store } from "../store.js";
import type { PageRequest } from "../tenancy-types.js";
import { findStoreTargets, seedTenant, type TestClock, testClock, testKeyInput } from "../test-stores.js";

/**
 * TenantStore on every backend: a tenant never sees another's rows, and configuration changes bump the
 * revision (reads and no-ops do not). Pagination: tenancy-pagination.conformance.test.ts; the rules of
 * each repository: tenancy-rules.conformance.test.ts.
 */

const FIRST: PageRequest = { limit: 200, order: "asc" };

for (const target of await findStoreTargets()) {
  describe.skipIf(target.skip !== undefined)(`TenantStore on ${target.name}`, () => {
    let store: Store;
    let clock: TestClock;
    let cleanup: () => Promise<void>;

    beforeEach(async () => {
      clock = testClock();
      ({ store, cleanup } = await target.open(clock.now));
      await store.migrate();
    });
    afterEach(() => cleanup());

    /** How much `fn` moved the configuration revision. */
    async function bumps(fn: () => Promise<unknown>): Promise<number> {
      const before = await store.revision();
      await fn();
      return (await store.revision()) - before;
    }

    it("binds every repository to its tenant: another tenant's rows read as absent", async () => {
      const a = await seedTenant(store, "A");
      const b = await seedTenant(store, "B");
      const B = store.forTenant(b.tenant.id);
      const wsB = await B.workspaces.create({ name: "b-ws", allowedModels: ["gpt-*"] });
      const roleB = await B.roles.create({ name: "auditor", permissions: ["audit:read"] });
      const saB = await B.serviceAccounts.create({ workspaceId: wsB.id, name: "bot", role: "member" });
      const keyB = await store.apiKeys.create(testKeyInput(b.tenant.id, wsB.id));
      await B.workspaceMembers.put(wsB.id, b.owner.id, "admin");
      const invB = await B.invitations.create({
        email: "x@b.test",
        role: "member",
        workspaceId: wsB.id,
        workspaceRole: "member",
        invitedBy: b.owner.id,
        expiresAt: clock.t + 60_000,
        tokenHash: "inv-b",
      });
      const auditB = await B.audit.append({
        actorKind: "user",
        actorId: b.owner.id,
        action: "roles.create",
        targetKind: "role",
        targetId: roleB.id,
        ip: null,
        userAgent: null,
        before: null,
        after: { name: "auditor" },
      });
      const snapshotB = async () => ({
        ws: await B.workspaces.list(FIRST),
        members: await B.members.list(FIRST),
        wsMembers: await B.workspaceMembers.list(wsB.id, FIRST),
        roles: await B.roles.list(FIRST),
        sas: await B.serviceAccounts.list(FIRST),
        keys: await B.apiKeys.list(FIRST),
        invitations: await B.invitations.list(FIRST),
        audit: await B.audit.list({ ...FIRST, order: "desc" }),
      });
      const before = await snapshotB();
      const revision = await store.revision();

      const A = store.forTenant(a.tenant.id);
      expect(A.tenantId).toBe(a.tenant.id);
      expect(await A.workspaces.get(wsB.id)).toBeUndefined();
      expect(await A.workspaces.update(wsB.id, { name: "stolen" })).toBeUndefined();
      expect(await A.workspaces.remove(wsB.id)).toBe(false);
      expect((await A.workspaces.list(FIRST, { ids: [wsB.id] })).items).toEqual([]);
      expect((await A.workspaces.list(FIRST)).items.map((w) => w.id)).toEqual([a.workspace.id]);

      expect(await A.members.get(b.owner.id)).toBeUndefined();
      expect(await A.members.setRole(b.owner.id, "viewer")).toBeUndefined();
      expect(await A.members.remove(b.owner.id)).toBe(false);
      expect((await A.members.list(FIRST)).items.map((m) => m.userId)).toEqual([a.owner.id]);
      expect(await A.members.countWithRole("owner")).toBe(1);
      expect((await A.members.list(FIRST, { role: "owner" })).items.map((m) => m.userId)).toEqual([
        a.owner.id,
      ]);
      expect((await A.members.list(FIRST, { role: "viewer" })).items).toEqual([]);

      await expect(A.workspaceMembers.put(wsB.id, b.owner.id, "viewer")).rejects.toMatchObject({
        code: "not_found",
      });
      await expect(A.workspaceMembers.put(a.workspace.id, b.owner.id, "viewer")).rejects.toMatchObject({
        code: "not_found",
      });
      expect((await A.workspaceMembers.list(wsB.id, FIRST)).items).toEqual([]);
      expect(await A.workspaceMembers.remove(wsB.id, b.owner.id)).toBe(false);
      expect(await A.workspaceMembers.ofUser(b.owner.id)).toEqual([]);

      expect(await A.roles.get(roleB.id)).toBeUndefined();
      expect(await A.roles.update(roleB.id, { name: "x" })).toBeUndefined();
      expect(await A.roles.remove(roleB.id)).toBe(false);
      expect((await A.roles.list(FIRST)).items).toEqual([]);

      expect(await A.serviceAccounts.get(saB.id)).toBeUndefined();
      expect(await A.serviceAccounts.remove(saB.id)).toBe(false);
      expect((await A.serviceAccounts.list(FIRST)).items).toEqual([]);
      await expect(
        A.serviceAccounts.create({ workspaceId: wsB.id, name: "x", role: "member" }),
      ).rejects.toMatchObject({ code: "not_found" });
      await expect(
        store.apiKeys.create(testKeyInput(a.tenant.id, a.workspace.id, { serviceAccountId: saB.id })),
      ).rejects.toMatchObject({ code: "not_found" });

      expect((await A.apiKeys.list(FIRST)).items).toEqual([]);
      expect((await A.apiKeys.list(FIRST, { workspaceIds: [wsB.id] })).items).toEqual([]);
      expect(await A.apiKeys.update(keyB.id, { name: "stolen" })).toBeUndefined();
      expect(await A.apiKeys.expireAt(keyB.id, clock.t)).toBe(false);

      expect(await A.invitations.get(invB.id)).toBeUndefined();
      expect(await A.invitations.revoke(invB.id)).toBe(false);
      expect((await A.invitations.list(FIRST)).items).toEqual([]);
      await expect(
        A.invitations.create({
          email: "y@a.test",
          role: "member",
          workspaceId: wsB.id,
          workspaceRole: "member",
          invitedBy: null,
          expiresAt: clock.t + 60_000,
          tokenHash: "inv-a",
        }),
      ).rejects.toMatchObject({ code: "not_found" });

      expect((await A.audit.list(FIRST)).items).toEqual([]);
      expect((await A.audit.list(FIRST, { targetId: roleB.id })).items).toEqual([]);

      expect(await store.revision()).toBe(revision);
      const after = await snapshotB();
      expect(after).toEqual(before);
      expect(after.audit.items).toEqual([auditB]);
      expect(after.invitations.items).toEqual([invB]);
      expect(after.keys.items).toEqual([keyB]);
    });

    it("bumps the revision on each configuration change, never on reads or no-ops", async () => {
      const { tenant, workspace, owner } = await seedTenant(store, "A");
      const T = store.forTenant(tenant.id);
      const user = await store.users.create({
        tenantId: (await store.tenants.create({ name: "home" })).id,
        email: "u@a.test",
        name: "U",
        role: "member",
        passwordHash: "h",
      });
      const key = await store.apiKeys.create(testKeyInput(tenant.id, workspace.id));

      const ws = await T.workspaces.create({ name: "ml", allowedModels: null }).then(async (w) => {
        expect(await store.revision()).toBe(2);
        return w;
      });
      expect(await bumps(() => T.workspaces.update(ws.id, { allowedModels: ["gpt-4o"] }))).toBe(1);
      expect(await bumps(() => T.workspaces.update(ws.id, {}))).toBe(0);
      expect(await bumps(() => T.apiKeys.update(key.id, { name: "renamed" }))).toBe(1);
      expect(await bumps(() => T.apiKeys.update(key.id, {}))).toBe(0);
      expect(await bumps(() => T.apiKeys.expireAt(key.id, clock.t + 60_000))).toBe(1);
      expect(await bumps(() => T.apiKeys.expireAt(key.id, clock.t + 120_000))).toBe(0);
      expect(await bumps(() => T.members.add(user.id, "member"))).toBe(1);
      expect(await bumps(() => T.members.setRole(user.id, "admin"))).toBe(1);
      expect(await bumps(() => T.workspaceMembers.put(ws.id, user.id, "member"))).toBe(1);
      expect(await bumps(() => T.workspaceMembers.put(ws.id, user.id, "admin"))).toBe(1);
      expect(await bumps(() => T.workspaceMembers.remove(ws.id, user.id))).toBe(1);
      expect(await bumps(() => T.workspaceMembers.remove(ws.id, user.id))).toBe(0);
      expect(await bumps(() => T.members.remove(user.id))).toBe(1);
      expect(await bumps(() => T.members.remove(user.id))).toBe(0);
      expect(await bumps(() => T.members.setRole(user.id, "admin"))).toBe(0);
      const role = await T.roles.create({ name: "r", permissions: ["a"] });
      expect(await bumps(() => T.roles.update(role.id, { permissions: ["a", "b"] }))).toBe(1);
      expect(await bumps(() => T.roles.update(role.id, {}))).toBe(0);
      expect(await bumps(() => T.roles.remove(role.id))).toBe(1);
      expect(await bumps(() => T.roles.remove(role.id))).toBe(0);
      expect(await bumps(() => T.roles.create({ name: "r2", permissions: [] }))).toBe(1);
      const sa = await T.serviceAccounts.create({ workspaceId: ws.id, name: "bot", role: "member" });
      expect(await bumps(() => T.serviceAccounts.remove(sa.id))).toBe(1);
      expect(await bumps(() => T.serviceAccounts.remove(sa.id))).toBe(0);
      expect(await bumps(() => T.workspaces.remove(ws.id))).toBe(1);
      expect(await bumps(() => T.workspaces.remove(ws.id))).toBe(0);
      expect(await bumps(() => T.workspaces.update(ws.id, { name: "gone" }))).toBe(0);
      expect(
        await bumps(async () => {
          await T.workspaces.get(workspace.id);
          await T.workspaces.list(FIRST);
          await T.members.get(owner.id);
          await T.members.list(FIRST);
          await T.members.countWithRole("owner");
          await T.workspaceMembers.list(workspace.id, FIRST);
          await T.workspaceMembers.ofUser(owner.id);
          await T.roles.list(FIRST);
          await T.serviceAccounts.list(FIRST);
          await T.apiKeys.list(FIRST, { status: "active" });
          await T.invitations.list(FIRST);
          await T.audit.list(FIRST);
        }),
      ).toBe(0);
      await expect(T.members.add(owner.id, "admin")).rejects.toMatchObject({ code: "conflict" });
      expect(await bumps(() => T.roles.create({ name: "R2", permissions: [] }).catch(() => {}))).toBe(0);
    });
  });
}

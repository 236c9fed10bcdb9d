import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Store } from "../store.js";
import type { AuditInput, PageRequest } from "../tenancy-types.js";
import { findStoreTargets, seedTenant, type TestClock, testClock, testKeyInput } from "../test-stores.js";

/**
 * The rules of the tenancy repositories on every backend: members joined with their account, owners
 * counted, roles unique and protected while held, removals that cascade or revoke, key and invitation
 * status filters, and the audit log's filters and order.
 */

const ALL: PageRequest = { limit: 200, order: "asc" };

function auditInput(extra: Partial<AuditInput> = {}): AuditInput {
  return {
    actorKind: "user",
    actorId: "usr_a",
    action: "keys.create",
    targetKind: "api_key",
    targetId: "key_a",
    ip: "203.0.113.9",
    userAgent: "curl/8",
    before: null,
    after: { name: "ci", nested: { n: 1 } },
    ...extra,
  };
}

for (const target of await findStoreTargets()) {
  describe.skipIf(target.skip !== undefined)(`tenancy rules on ${target.name}`, () => {
    let store: Store;
    let clock: TestClock;
    let cleanup: () => Promise<void>;

    beforeEach(async () => {
      clock = testClock();
      ({ store, cleanup } = await target.open(clock.now));
      await store.migrate();
    });
    afterEach(() => cleanup());

    it("joins members with their account, counts owners, and removes workspace memberships with a member", async () => {
      const { tenant, workspace, owner } = await seedTenant(store, "A");
      const other = await seedTenant(store, "B");
      const T = store.forTenant(tenant.id);
      expect(await T.members.get(owner.id)).toEqual({
        tenantId: tenant.id,
        userId: owner.id,
        role: "owner",
        createdAt: owner.createdAt,
        email: owner.email,
        name: owner.name,
      });
      // A user of another tenant joins this one too (an accepted invitation).
      const guest = await T.members.add(other.owner.id, "owner");
      expect(guest).toMatchObject({
        userId: other.owner.id,
        email: other.owner.email,
        name: other.owner.name,
      });
      expect(await T.members.countWithRole("owner")).toBe(2);
      expect(await T.members.setRole(other.owner.id, "admin")).toMatchObject({
        role: "admin",
        email: other.owner.email,
      });
      expect(await T.members.countWithRole("owner")).toBe(1);
      expect(await T.members.countWithRole("admin")).toBe(1);
      await expect(T.members.add("usr_missing", "member")).rejects.toMatchObject({ code: "not_found" });

      const ws2 = await T.workspaces.create({ name: "two", allowedModels: null });
      expect(await T.workspaceMembers.put(workspace.id, other.owner.id, "member")).toMatchObject({
        workspaceId: workspace.id,
        userId: other.owner.id,
        role: "member",
        email: other.owner.email,
        name: other.owner.name,
      });
      const first = await T.workspaceMembers.put(ws2.id, other.owner.id, "viewer");
      const changed = await T.workspaceMembers.put(ws2.id, other.owner.id, "admin");
      expect(changed).toEqual({ ...first, role: "admin" });
      expect(await T.workspaceMembers.ofUser(other.owner.id)).toEqual([
        { workspaceId: workspace.id, role: "member" },
        { workspaceId: ws2.id, role: "admin" },
      ]);
      // The guest's own tenant keeps its membership and workspace memberships.
      await store
        .forTenant(other.tenant.id)
        .workspaceMembers.put(other.workspace.id, other.owner.id, "admin");

      expect(await T.members.remove(other.owner.id)).toBe(true);
      expect(await T.members.get(other.owner.id)).toBeUndefined();
      expect(await T.workspaceMembers.ofUser(other.owner.id)).toEqual([]);
      expect((await T.workspaceMembers.list(ws2.id, ALL)).items).toEqual([]);
      expect(await store.forTenant(other.tenant.id).members.get(other.owner.id)).toMatchObject({
        role: "owner",
      });
      expect(await store.forTenant(other.tenant.id).workspaceMembers.ofUser(other.owner.id)).toHaveLength(1);
      await expect(T.workspaceMembers.put(workspace.id, other.owner.id, "member")).rejects.toMatchObject({
        code: "not_found",
      });
    });

    it("keeps role names unique whatever their case, and refuses to remove a role while it is held", async () => {
      const { tenant, workspace, owner } = await seedTenant(store, "A");
      const T = store.forTenant(tenant.id);
      const auditor = await T.roles.create({ name: "Auditor", permissions: ["audit:read", "usage:read"] });
      expect(auditor).toMatchObject({
        tenantId: tenant.id,
        name: "Auditor",
        permissions: ["audit:read", "usage:read"],
      });
      expect(auditor.id).toMatch(/^rol_[0-9A-Za-z]{20}$/);
      expect(await T.roles.get(auditor.id)).toEqual(auditor);
      await expect(T.roles.create({ name: "auditor", permissions: [] })).rejects.toMatchObject({
        code: "conflict",
      });
      // The same name in another tenant is fine.
      const other = await seedTenant(store, "B");
      await store.forTenant(other.tenant.id).roles.create({ name: "AUDITOR", permissions: [] });
      const ops = await T.roles.create({ name: "ops", permissions: [] });
      await expect(T.roles.update(ops.id, { name: "AUDITOR" })).rejects.toMatchObject({ code: "conflict" });
      expect(await T.roles.update(ops.id, { name: "Ops", permissions: ["keys:write"] })).toEqual({
        ...ops,
        name: "Ops",
        permissions: ["keys:write"],
      });

      await T.members.setRole(owner.id, auditor.id);
      await expect(T.roles.remove(auditor.id)).rejects.toMatchObject({ code: "conflict" });
      await T.members.setRole(owner.id, "owner");
      const sa = await T.serviceAccounts.create({ workspaceId: workspace.id, name: "bot", role: auditor.id });
      await expect(T.roles.remove(auditor.id)).rejects.toMatchObject({ code: "conflict" });
      await T.serviceAccounts.remove(sa.id);
      await T.workspaceMembers.put(workspace.id, owner.id, auditor.id);
      await expect(T.roles.remove(auditor.id)).rejects.toMatchObject({ code: "conflict" });
      await T.workspaceMembers.remove(workspace.id, owner.id);
      expect(await T.roles.get(auditor.id)).toEqual(auditor);
      expect(await T.roles.remove(auditor.id)).toBe(true);
      expect(await T.roles.get(auditor.id)).toBeUndefined();
    });

    it("removing a service account revokes its keys; other keys stay active", async () => {
      const { tenant, workspace } = await seedTenant(store, "A");
      const T = store.forTenant(tenant.id);
      const sa = await T.serviceAccounts.create({ workspaceId: workspace.id, name: "bot", role: "member" });
      expect(sa.id).toMatch(/^sa_/);
      expect(await T.serviceAccounts.get(sa.id)).toEqual(sa);
      const saKey = await store.apiKeys.create(
        testKeyInput(tenant.id, workspace.id, { serviceAccountId: sa.id }),
      );
      expect(saKey.serviceAccountId).toBe(sa.id);
      const plain = await store.apiKeys.create(testKeyInput(tenant.id, workspace.id));
      expect((await T.apiKeys.list(ALL, { serviceAccountId: sa.id })).items).toEqual([saKey]);

      expect(await T.serviceAccounts.remove(sa.id)).toBe(true);
      expect(await T.serviceAccounts.get(sa.id)).toBeUndefined();
      const revoked = await store.apiKeys.findByHash(saKey.keyHash);
      expect(revoked?.revokedAt).toEqual(expect.any(Number));
      expect((await store.apiKeys.findByHash(plain.keyHash))?.revokedAt).toBeNull();
      expect((await T.apiKeys.list(ALL, { status: "revoked" })).items.map((k) => k.id)).toEqual([saKey.id]);
    });

    it("gives a key to a member whose account was created in another tenant, and to no non-member", async () => {
      const { tenant, workspace } = await seedTenant(store, "A");
      const other = await seedTenant(store, "B");
      const outsider = await seedTenant(store, "C");
      // B's owner joins A (an accepted invitation): their home tenant stays B.
      await store.forTenant(tenant.id).members.add(other.owner.id, "member");
      const key = await store.apiKeys.create(
        testKeyInput(tenant.id, workspace.id, { userId: other.owner.id }),
      );
      expect(key).toMatchObject({ tenantId: tenant.id, userId: other.owner.id });
      await expect(
        store.apiKeys.create(testKeyInput(tenant.id, workspace.id, { userId: outsider.owner.id })),
      ).rejects.toMatchObject({ code: "not_found" });
    });

    it("removing a workspace removes its keys, members, service accounts and invitations", async () => {
      const { tenant, workspace, owner } = await seedTenant(store, "A");
      const T = store.forTenant(tenant.id);
      const ws = await T.workspaces.create({ name: "doomed", allowedModels: ["claude-*"] });
      expect(await T.workspaces.get(ws.id)).toEqual({ ...ws, allowedModels: ["claude-*"] });
      const key = await store.apiKeys.create(testKeyInput(tenant.id, ws.id));
      const kept = await store.apiKeys.create(testKeyInput(tenant.id, workspace.id));
      await T.workspaceMembers.put(ws.id, owner.id, "admin");
      const sa = await T.serviceAccounts.create({ workspaceId: ws.id, name: "bot", role: "member" });
      const inv = await T.invitations.create({
        email: "i@a.test",
        role: "member",
        workspaceId: ws.id,
        workspaceRole: "member",
        invitedBy: owner.id,
        expiresAt: clock.t + 60_000,
        tokenHash: "tok",
      });

      expect(await T.workspaces.remove(ws.id)).toBe(true);
      expect(await T.workspaces.get(ws.id)).toBeUndefined();
      expect(await store.apiKeys.findByHash(key.keyHash)).toBeUndefined();
      expect(await store.apiKeys.findByHash(kept.keyHash)).toEqual(kept);
      expect(await T.workspaceMembers.ofUser(owner.id)).toEqual([]);
      expect(await T.serviceAccounts.get(sa.id)).toBeUndefined();
      expect(await T.invitations.get(inv.id)).toBeUndefined();
      expect(await T.members.get(owner.id)).toMatchObject({ role: "owner" });
    });

    it("filters keys by status, workspace, user and service account, and expires a key at most once", async () => {
      const { tenant, workspace, owner } = await seedTenant(store, "A");
      const T = store.forTenant(tenant.id);
      const ws2 = await T.workspaces.create({ name: "two", allowedModels: null });
      const active = await store.apiKeys.create(testKeyInput(tenant.id, workspace.id, { userId: owner.id }));
      const future = await store.apiKeys.create(
        testKeyInput(tenant.id, ws2.id, { expiresAt: clock.t + 60_000 }),
      );
      const expired = await store.apiKeys.create(testKeyInput(tenant.id, ws2.id, { expiresAt: clock.t + 5 }));
      const revoked = await store.apiKeys.create(testKeyInput(tenant.id, workspace.id));
      await store.apiKeys.revoke(tenant.id, revoked.id);
      clock.t += 100;
      const ids = async (filter: Parameters<typeof T.apiKeys.list>[1]) =>
        (await T.apiKeys.list(ALL, filter)).items.map((k) => k.id);
      expect(await ids({ status: "active" })).toEqual([active.id, future.id]);
      expect(await ids({ status: "expired" })).toEqual([expired.id]);
      expect(await ids({ status: "revoked" })).toEqual([revoked.id]);
      expect(await ids({ workspaceId: ws2.id })).toEqual([future.id, expired.id]);
      expect(await ids({ workspaceIds: [workspace.id] })).toEqual([active.id, revoked.id]);
      expect(await ids({ workspaceIds: [workspace.id, ws2.id], status: "active" })).toEqual([
        active.id,
        future.id,
      ]);
      expect(await T.apiKeys.list(ALL, { workspaceIds: [] })).toEqual({ items: [], nextCursor: null });
      expect(await ids({ userId: owner.id })).toEqual([active.id]);

      const at = clock.t + 30_000;
      expect(await T.apiKeys.expireAt(active.id, at)).toBe(true);
      expect((await store.apiKeys.get(tenant.id, active.id))?.expiresAt).toBe(at);
      expect(await T.apiKeys.expireAt(active.id, at + 10_000)).toBe(true);
      expect((await store.apiKeys.get(tenant.id, active.id))?.expiresAt).toBe(at);
      expect(await T.apiKeys.expireAt(future.id, at)).toBe(true);
      expect((await store.apiKeys.get(tenant.id, future.id))?.expiresAt).toBe(at);
      expect(await T.apiKeys.expireAt(expired.id, at)).toBe(false);
      expect(await T.apiKeys.expireAt(revoked.id, at)).toBe(false);
      expect(await T.apiKeys.expireAt("key_missing", at)).toBe(false);

      const updated = await T.apiKeys.update(active.id, {
        name: "renamed",
        allowedModels: ["gpt-4o"],
        allowedCidrs: ["10.0.0.0/8"],
        metadata: { team: "ml" },
        expiresAt: null,
      });
      expect(updated).toEqual({
        ...active,
        name: "renamed",
        allowedModels: ["gpt-4o"],
        allowedCidrs: ["10.0.0.0/8"],
        metadata: { team: "ml" },
        expiresAt: null,
      });
      expect(await T.apiKeys.update(active.id, { allowedModels: null })).toMatchObject({
        allowedModels: null,
      });
    });

    it("lists invitations by status and revokes a pending one once", async () => {
      const { tenant, owner } = await seedTenant(store, "A");
      const T = store.forTenant(tenant.id);
      const invite = (tokenHash: string, expiresAt: number) =>
        T.invitations.create({
          email: `${tokenHash}@x.test`,
          role: "member",
          workspaceId: null,
          workspaceRole: null,
          invitedBy: owner.id,
          expiresAt,
          tokenHash,
        });
      const pending = await invite("p", clock.t + 60_000);
      const expired = await invite("e", clock.t + 5);
      const revoked = await invite("r", clock.t + 60_000);
      const accepted = await invite("a", clock.t + 60_000);
      expect(pending).toMatchObject({
        tenantId: tenant.id,
        acceptedAt: null,
        revokedAt: null,
        invitedBy: owner.id,
      });
      expect(pending).not.toHaveProperty("tokenHash");
      expect(await T.invitations.revoke(revoked.id)).toBe(true);
      expect(await T.invitations.revoke(revoked.id)).toBe(false);
      expect(await store.accounts.invitations.accept(accepted.id)).toBe(true);
      expect(await T.invitations.revoke(accepted.id)).toBe(false);
      clock.t += 100;
      const ids = async (status: "pending" | "accepted" | "revoked" | "expired") =>
        (await T.invitations.list(ALL, { status })).items.map((i) => i.id);
      expect(await ids("pending")).toEqual([pending.id]);
      expect(await ids("expired")).toEqual([expired.id]);
      expect(await ids("revoked")).toEqual([revoked.id]);
      expect(await ids("accepted")).toEqual([accepted.id]);
      await expect(invite("p", clock.t + 1000)).rejects.toMatchObject({ code: "conflict" });
    });

    it("appends audit entries and lists them newest first, filtered", async () => {
      const { tenant } = await seedTenant(store, "A");
      const T = store.forTenant(tenant.id);
      const first = await T.audit.append(auditInput());
      expect(first).toMatchObject({ ...auditInput(), tenantId: tenant.id });
      expect(first.id).toMatch(/^aud_/);
      const second = await T.audit.append(
        auditInput({ action: "keys.revoke", actorId: "usr_b", before: { a: 1 }, after: null }),
      );
      const third = await T.audit.append(
        auditInput({ actorKind: "api_key", actorId: "key_z", targetId: "key_b" }),
      );
      const fourth = await T.audit.append(
        auditInput({
          action: "workspaces.update",
          actorId: "usr_c",
          targetKind: "workspace",
          targetId: "ws_a",
        }),
      );
      const list = async (filter: Parameters<typeof T.audit.list>[1], order: "asc" | "desc" = "desc") =>
        (await T.audit.list({ limit: 50, order }, filter)).items;
      expect(await list({})).toEqual([fourth, third, second, first]);
      expect(await list({}, "asc")).toEqual([first, second, third, fourth]);
      expect(await list({ targetKind: "workspace" })).toEqual([fourth]);
      expect(await list({ targetKind: "workspace", targetId: "key_b" })).toEqual([]);
      expect(await list({ action: "keys.revoke" })).toEqual([second]);
      expect(await list({ actorId: "usr_a" })).toEqual([first]);
      expect(await list({ targetId: "key_b" })).toEqual([third]);
      expect(await list({ since: second.at, until: fourth.at })).toEqual([third, second]);
      expect(await list({ until: second.at })).toEqual([first]);
      expect(await list({ since: first.at, until: third.at, action: "keys.create" })).toEqual([first]);
      expect(second).toMatchObject({ before: { a: 1 }, after: null });
    });
  });
}

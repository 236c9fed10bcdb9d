import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Store } from "../store.js";
import { findStoreTargets, seedTenant, type TestClock, testClock } from "../test-stores.js";

/**
 * AccountsStore on every backend: memberships across tenants, passwords and verified emails, sessions
 * (refresh token rotation with exactly one winner, families, "log out everywhere"), single-use tokens and
 * invitations as the invitee meets them.
 */

const HOUR = 3_600_000;

for (const target of await findStoreTargets()) {
  describe.skipIf(target.skip !== undefined)(`AccountsStore on ${target.name}`, () => {
    let store: Store;
    let clock: TestClock;
    let cleanup: () => Promise<void>;

    beforeEach(async () => {
      clock = testClock();
      ({ store, cleanup } = await target.open(clock.now));
      await store.migrate();
    });
    afterEach(() => cleanup());

    it("lists a user's tenants with the role there, and sets password and verified email", async () => {
      const a = await seedTenant(store, "A");
      const b = await seedTenant(store, "B");
      await store.forTenant(b.tenant.id).members.add(a.owner.id, "viewer");
      expect(await store.accounts.membershipsOf(a.owner.id)).toEqual([
        { tenantId: a.tenant.id, tenantName: "A", role: "owner" },
        { tenantId: b.tenant.id, tenantName: "B", role: "viewer" },
      ]);
      expect(await store.accounts.membershipsOf("usr_missing")).toEqual([]);
      const first = await store.accounts.tenantsOf(a.owner.id, { limit: 1, order: "asc" });
      expect(first.items).toEqual([{ ...a.tenant, role: "owner" }]);
      const second = await store.accounts.tenantsOf(a.owner.id, {
        limit: 1,
        order: "asc",
        cursor: first.nextCursor!,
      });
      expect([second.items, second.nextCursor]).toEqual([[{ ...b.tenant, role: "viewer" }], null]);
      const newestFirst = await store.accounts.tenantsOf(a.owner.id, { limit: 5, order: "desc" });
      expect(newestFirst.items.map((t) => t.id)).toEqual([b.tenant.id, a.tenant.id]);

      await store.accounts.setPassword(a.owner.id, "$argon2id$new");
      expect((await store.users.findById(a.owner.id))?.passwordHash).toBe("$argon2id$new");
      expect(a.owner.emailVerifiedAt).toBeNull();
      await store.accounts.markEmailVerified(a.owner.id);
      const verifiedAt = (await store.users.findById(a.owner.id))?.emailVerifiedAt;
      expect(verifiedAt).toEqual(expect.any(Number));
      await store.accounts.markEmailVerified(a.owner.id);
      expect((await store.users.findById(a.owner.id))?.emailVerifiedAt).toBe(verifiedAt);
      expect((await store.users.findById(b.owner.id))?.emailVerifiedAt).toBeNull();
    });

    it("rotates a refresh token once: of two concurrent markUsed calls exactly one wins", async () => {
      const { owner } = await seedTenant(store, "A");
      const tokens = store.accounts.refreshTokens;
      const expiresAt = clock.t + HOUR;
      const row = await tokens.insert({ userId: owner.id, familyId: "fam1", tokenHash: "h1", expiresAt });
      expect(row).toEqual({
        id: expect.stringMatching(/^rtk_/),
        userId: owner.id,
        familyId: "fam1",
        createdAt: expect.any(Number),
        expiresAt,
        usedAt: null,
        revokedAt: null,
        // A login's first token: the session starts now, with no device recorded here.
        startedAt: row.createdAt,
        userAgent: null,
        ip: null,
      });
      expect(await tokens.findByHash("h1")).toEqual(row);
      expect(await tokens.findByHash("h-missing")).toBeUndefined();
      for (let i = 0; i < 5; i++) {
        const r = await tokens.insert({
          userId: owner.id,
          familyId: "race",
          tokenHash: `race-${i}`,
          expiresAt: clock.t + HOUR,
        });
        const results = await Promise.all([
          tokens.markUsed(r.id),
          tokens.markUsed(r.id),
          tokens.markUsed(r.id),
        ]);
        expect(results.filter(Boolean)).toHaveLength(1);
      }
      expect(await tokens.markUsed(row.id)).toBe(true);
      expect(await tokens.markUsed(row.id)).toBe(false);
      expect((await tokens.findByHash("h1"))?.usedAt).toEqual(expect.any(Number));
      await expect(
        tokens.insert({ userId: owner.id, familyId: "fam1", tokenHash: "h1", expiresAt: clock.t + HOUR }),
      ).rejects.toMatchObject({ code: "conflict" });

      const stale = await tokens.insert({
        userId: owner.id,
        familyId: "fam2",
        tokenHash: "h-old",
        expiresAt: clock.t + 5,
      });
      clock.t += 10;
      expect(await tokens.markUsed(stale.id)).toBe(false);
    });

    it("revokes a whole family, and only that family", async () => {
      const { owner } = await seedTenant(store, "A");
      const tokens = store.accounts.refreshTokens;
      const expiresAt = clock.t + HOUR;
      const a1 = await tokens.insert({ userId: owner.id, familyId: "famA", tokenHash: "a1", expiresAt });
      const a2 = await tokens.insert({ userId: owner.id, familyId: "famA", tokenHash: "a2", expiresAt });
      const b1 = await tokens.insert({ userId: owner.id, familyId: "famB", tokenHash: "b1", expiresAt });
      await tokens.revokeFamily("famA");
      expect((await tokens.findByHash("a1"))?.revokedAt).toEqual(expect.any(Number));
      expect((await tokens.findByHash("a2"))?.revokedAt).toEqual(expect.any(Number));
      expect((await tokens.findByHash("b1"))?.revokedAt).toBeNull();
      expect(await tokens.markUsed(a2.id)).toBe(false);
      expect(await tokens.markUsed(b1.id)).toBe(true);
      expect(a1.revokedAt).toBeNull();
    });

    it("lists a user's live sessions by sign-in time, keeping device and sign-in through rotations", async () => {
      const a = await seedTenant(store, "A");
      const b = await seedTenant(store, "B");
      const tokens = store.accounts.refreshTokens;
      const expiresAt = clock.t + HOUR;
      const device = { userAgent: "Laptop", ip: "10.0.0.1" };
      const l1 = await tokens.insert({
        userId: a.owner.id,
        familyId: "famL",
        tokenHash: "l1",
        expiresAt,
        ...device,
      });
      await tokens.insert({
        userId: a.owner.id,
        familyId: "famP",
        tokenHash: "p1",
        expiresAt,
        ip: "10.0.0.2",
      });
      await tokens.insert({ userId: a.owner.id, familyId: "famX", tokenHash: "x1", expiresAt: clock.t + 5 });
      await tokens.insert({ userId: b.owner.id, familyId: "famB", tokenHash: "b1", expiresAt });
      // The laptop refreshes: the new token carries the session's sign-in time and device.
      expect(await tokens.markUsed(l1.id)).toBe(true);
      await tokens.insert({
        userId: a.owner.id,
        familyId: "famL",
        tokenHash: "l2",
        expiresAt,
        startedAt: l1.startedAt,
        ...device,
      });
      clock.t += 10; // famX expires
      const page = await tokens.listLive(a.owner.id, { limit: 50, order: "desc" });
      expect(page.items.map((r) => [r.familyId, r.startedAt === l1.startedAt, r.ip])).toEqual([
        ["famP", false, "10.0.0.2"],
        ["famL", true, "10.0.0.1"],
      ]);
      expect(page.items[1]!.userAgent).toBe("Laptop");
      expect(page.items[1]!.createdAt).toBeGreaterThan(l1.createdAt);
      const first = await tokens.listLive(a.owner.id, { limit: 1, order: "desc" });
      const second = await tokens.listLive(a.owner.id, {
        limit: 1,
        order: "desc",
        cursor: first.nextCursor!,
      });
      expect([first.items[0]!.familyId, second.items[0]!.familyId, second.nextCursor]).toEqual([
        "famP",
        "famL",
        null,
      ]);

      expect(await tokens.familyAlive("famL")).toBe(true);
      expect(await tokens.revokeLiveFamily(b.owner.id, "famL")).toBe(false);
      expect(await tokens.familyAlive("famL")).toBe(true);
      expect(await tokens.revokeLiveFamily(a.owner.id, "famL")).toBe(true);
      expect(await tokens.revokeLiveFamily(a.owner.id, "famL")).toBe(false);
      expect(await tokens.familyAlive("famL")).toBe(false);
      expect(
        (await tokens.listLive(a.owner.id, { limit: 50, order: "desc" })).items.map((r) => r.familyId),
      ).toEqual(["famP"]);
    });

    it("sets a person's display name", async () => {
      const { owner } = await seedTenant(store, "A");
      await store.accounts.setName(owner.id, "Ada Lovelace");
      expect((await store.users.findById(owner.id))?.name).toBe("Ada Lovelace");
    });

    it("ends every session of a user: access tokens before the instant, every refresh token", async () => {
      const a = await seedTenant(store, "A");
      const b = await seedTenant(store, "B");
      expect(a.owner.sessionsValidAfter).toBe(0);
      const tokens = store.accounts.refreshTokens;
      const expiresAt = clock.t + HOUR;
      const t1 = await tokens.insert({ userId: a.owner.id, familyId: "f1", tokenHash: "t1", expiresAt });
      await tokens.insert({ userId: a.owner.id, familyId: "f2", tokenHash: "t2", expiresAt });
      const other = await tokens.insert({ userId: b.owner.id, familyId: "f3", tokenHash: "t3", expiresAt });
      const at = clock.t + 1;
      await store.accounts.endSessions(a.owner.id, at);
      expect((await store.users.findById(a.owner.id))?.sessionsValidAfter).toBe(at);
      expect((await store.users.findById(b.owner.id))?.sessionsValidAfter).toBe(0);
      expect((await tokens.findByHash("t1"))?.revokedAt).toBe(at);
      expect((await tokens.findByHash("t2"))?.revokedAt).toBe(at);
      expect(await tokens.markUsed(t1.id)).toBe(false);
      expect(await tokens.markUsed(other.id)).toBe(true);
    });

    it("consumes a one-time token once, for its purpose, before it expires", async () => {
      const { owner } = await seedTenant(store, "A");
      const ott = store.accounts.oneTimeTokens;
      await ott.create({
        purpose: "password_reset",
        userId: owner.id,
        tokenHash: "r1",
        expiresAt: clock.t + HOUR,
      });
      expect(await ott.consume("verify_email", "r1")).toBeUndefined();
      expect(await ott.consume("password_reset", "missing")).toBeUndefined();
      const twice = await Promise.all([
        ott.consume("password_reset", "r1"),
        ott.consume("password_reset", "r1"),
      ]);
      expect(twice.filter((u) => u !== undefined)).toEqual([owner.id]);
      expect(await ott.consume("password_reset", "r1")).toBeUndefined();

      await ott.create({
        purpose: "verify_email",
        userId: owner.id,
        tokenHash: "v1",
        expiresAt: clock.t + 10,
      });
      clock.t += 20;
      expect(await ott.consume("verify_email", "v1")).toBeUndefined();
      await ott.create({
        purpose: "verify_email",
        userId: owner.id,
        tokenHash: "v2",
        expiresAt: clock.t + 10,
      });
      expect(await ott.consume("verify_email", "v2")).toBe(owner.id);
      await expect(
        ott.create({ purpose: "verify_email", userId: owner.id, tokenHash: "v2", expiresAt: clock.t + 10 }),
      ).rejects.toMatchObject({ code: "conflict" });
    });

    it("finds a pending invitation by its token in any tenant and accepts it once", async () => {
      const { tenant, workspace, owner } = await seedTenant(store, "A");
      const T = store.forTenant(tenant.id);
      const invite = (tokenHash: string, expiresAt: number) =>
        T.invitations.create({
          email: `${tokenHash}@x.test`,
          role: "member",
          workspaceId: workspace.id,
          workspaceRole: "viewer",
          invitedBy: owner.id,
          expiresAt,
          tokenHash,
        });
      const inv = await invite("tok1", clock.t + HOUR);
      const invitations = store.accounts.invitations;
      expect(await invitations.findPendingByHash("tok1")).toEqual(inv);
      expect(await invitations.findPendingByHash("nope")).toBeUndefined();
      const both = await Promise.all([invitations.accept(inv.id), invitations.accept(inv.id)]);
      expect(both.filter(Boolean)).toHaveLength(1);
      expect(await invitations.accept(inv.id)).toBe(false);
      expect(await invitations.findPendingByHash("tok1")).toBeUndefined();
      expect((await T.invitations.get(inv.id))?.acceptedAt).toEqual(expect.any(Number));

      const revoked = await invite("tok2", clock.t + HOUR);
      await T.invitations.revoke(revoked.id);
      expect(await invitations.findPendingByHash("tok2")).toBeUndefined();
      expect(await invitations.accept(revoked.id)).toBe(false);

      const late = await invite("tok3", clock.t + 10);
      clock.t += 20;
      expect(await invitations.findPendingByHash("tok3")).toBeUndefined();
      expect(await invitations.accept(late.id)).toBe(false);
    });
  });
}

import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Store } from "../store.js";
import type { Page, PageRequest } from "../tenancy-types.js";
import { findStoreTargets, seedTenant, type TestClock, testClock, testKeyInput } from "../test-stores.js";
import { encodeCursor } from "./paginate.js";

/**
 * Cursor pagination of every TenantStore listing on every backend: pages in keyset order (time, then id)
 * in both directions, each row once, ties in one millisecond ordered by id, malformed cursors refused.
 */

/** Every item of a listing, page by page; checks no page is larger than asked. */
async function allPages<T>(list: (page: PageRequest) => Promise<Page<T>>, order: "asc" | "desc", limit = 3) {
  const items: T[] = [];
  let cursor: string | undefined;
  for (let pages = 0; pages < 20; pages++) {
    const page = await list({ limit, order, ...(cursor === undefined ? {} : { cursor }) });
    expect(page.items.length).toBeLessThanOrEqual(limit);
    items.push(...page.items);
    if (page.nextCursor === null) return { items, pages: pages + 1 };
    cursor = page.nextCursor;
  }
  throw new Error("pagination did not end");
}

const FIRST: PageRequest = { limit: 200, order: "asc" };

for (const target of await findStoreTargets()) {
  describe.skipIf(target.skip !== undefined)(`TenantStore pagination on ${target.name}`, () => {
    let store: Store;
    let clock: TestClock;
    let cleanup: () => Promise<void>;

    beforeEach(async () => {
      clock = testClock();
      ({ store, cleanup } = await target.open(clock.now));
      await store.migrate();
    });
    afterEach(() => cleanup());

    it("pages 7 rows by 3, ascending and descending, each row once and in order", async () => {
      const { tenant } = await seedTenant(store, "A");
      const T = store.forTenant(tenant.id);
      const created = [];
      for (let i = 0; i < 7; i++) created.push(await T.roles.create({ name: `role ${i}`, permissions: [] }));
      const asc = await allPages((p) => T.roles.list(p), "asc");
      expect(asc.items).toEqual(created);
      expect(asc.pages).toBe(3);
      const desc = await allPages((p) => T.roles.list(p), "desc");
      expect(desc.items).toEqual([...created].reverse());
      // A limit that divides the count exactly ends with nextCursor null, without an empty page.
      expect((await allPages((p) => T.roles.list(p), "asc", 7)).pages).toBe(1);
    });

    it("orders rows created in the same millisecond by id, across pages", async () => {
      const { tenant } = await seedTenant(store, "A");
      const T = store.forTenant(tenant.id);
      clock.step = 0;
      for (let i = 0; i < 7; i++) await T.workspaces.create({ name: `ws ${i}`, allowedModels: null });
      const all = (await T.workspaces.list(FIRST)).items;
      const ids = all.map((w) => w.id);
      expect(ids).toHaveLength(8);
      const sameTime = all.filter((w) => w.createdAt === clock.t).map((w) => w.id);
      expect(sameTime).toEqual([...sameTime].sort());
      expect((await allPages((p) => T.workspaces.list(p), "asc")).items.map((w) => w.id)).toEqual(ids);
      expect((await allPages((p) => T.workspaces.list(p), "desc")).items.map((w) => w.id)).toEqual(
        [...ids].reverse(),
      );
      const some = [ids[1]!, ids[4]!, ids[6]!];
      expect(
        (await allPages((p) => T.workspaces.list(p, { ids: some }), "asc", 2)).items.map((w) => w.id),
      ).toEqual(some);
      expect(await T.workspaces.list(FIRST, { ids: [] })).toEqual({ items: [], nextCursor: null });
    });

    it("pages every listing: members, keys, service accounts, invitations, audit", async () => {
      const { tenant, workspace, owner } = await seedTenant(store, "A");
      const T = store.forTenant(tenant.id);
      for (let i = 0; i < 6; i++) {
        const u = await store.users.create({
          tenantId: tenant.id,
          email: `m${i}@a.test`,
          name: `M${i}`,
          role: "member",
          passwordHash: "h",
        });
        await T.workspaceMembers.put(workspace.id, u.id, "member");
        await store.apiKeys.create(testKeyInput(tenant.id, workspace.id));
        await T.serviceAccounts.create({ workspaceId: workspace.id, name: `sa${i}`, role: "member" });
        await T.invitations.create({
          email: `i${i}@a.test`,
          role: "member",
          workspaceId: null,
          workspaceRole: null,
          invitedBy: owner.id,
          expiresAt: clock.t + 60_000,
          tokenHash: `tok-${i}`,
        });
        await T.audit.append({
          actorKind: "system",
          actorId: null,
          action: "x",
          targetKind: "x",
          targetId: null,
          ip: null,
          userAgent: null,
          before: null,
          after: null,
        });
      }
      const listings: ((p: PageRequest) => Promise<Page<unknown>>)[] = [
        (p) => T.members.list(p),
        (p) => T.workspaceMembers.list(workspace.id, p),
        (p) => T.apiKeys.list(p),
        (p) => T.serviceAccounts.list(p),
        (p) => T.invitations.list(p),
        (p) => T.audit.list(p),
      ];
      for (const list of listings) {
        const all = (await list(FIRST)).items;
        expect(all.length).toBeGreaterThanOrEqual(6);
        expect((await allPages(list, "asc", 4)).items).toEqual(all);
        expect((await allPages(list, "desc", 4)).items).toEqual([...all].reverse());
      }
    });

    it("refuses a malformed cursor as invalid_request", async () => {
      const { tenant } = await seedTenant(store, "A");
      const T = store.forTenant(tenant.id);
      const b64 = (text: string) => Buffer.from(text).toString("base64url");
      const bad = ["not a cursor!", b64("{}"), b64('["1","x"]'), b64("[1]"), b64('[1.5,"x"]'), b64("nope")];
      for (const cursor of bad) {
        await expect(T.workspaces.list({ limit: 3, order: "asc", cursor })).rejects.toMatchObject({
          name: "GatewayError",
          code: "invalid_request",
          message: "Invalid cursor.",
        });
      }
      await expect(T.audit.list({ limit: 3, order: "desc", cursor: "%%%" })).rejects.toMatchObject({
        code: "invalid_request",
      });
      // A well-formed cursor past every row answers an empty last page.
      const page = await T.workspaces.list({
        limit: 3,
        order: "asc",
        cursor: encodeCursor([clock.t + 1e6, "z"]),
      });
      expect(page).toEqual({ items: [], nextCursor: null });
    });
  });
}

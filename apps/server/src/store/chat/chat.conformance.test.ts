import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Store } from "../store.js";
import { findStoreTargets, seedTenant, type TestClock, testClock } from "../test-stores.js";
import type { ChatOwner } from "./chat-types.js";

/**
 * Chat storage on every backend: conversations per user and workspace, the message tree (append, branch,
 * switch branch), list order and filters with keyset pages, full-text search on both dialects, and the
 * cascade of deletes.
 */

for (const target of await findStoreTargets()) {
  describe.skipIf(target.skip !== undefined)(`chat storage on ${target.name}`, () => {
    let store: Store;
    let clock: TestClock;
    let cleanup: () => Promise<void>;

    beforeEach(async () => {
      clock = testClock();
      ({ store, cleanup } = await target.open(clock.now));
      await store.migrate();
    });
    afterEach(() => cleanup());

    const setup = async () => {
      const a = await seedTenant(store, "A");
      const owner: ChatOwner = { workspaceId: a.workspace.id, userId: a.owner.id };
      return { a, owner, repo: store.forTenant(a.tenant.id).chat };
    };

    it("creates, appends, branches and switches branch", async () => {
      const { owner, repo } = await setup();
      const c = await repo.create(owner, { title: "Trip", model: "openai/gpt-4o" });
      expect(c).toMatchObject({
        title: "Trip",
        pinned: false,
        archived: false,
        activeLeafId: null,
        presetId: null,
      });
      expect(await repo.branch(owner, c.id)).toEqual([]);
      clock.t += 1;
      const u1 = (await repo.append(owner, c.id, { parentId: null, role: "user", text: "Where to?" }))!
        .message;
      clock.t += 1;
      const a1 = (await repo.append(owner, c.id, {
        parentId: u1.id,
        role: "assistant",
        text: "Lisbon.",
        model: "openai/gpt-4o",
        usageRecordId: "req_1",
        inputTokens: 5,
        outputTokens: 2,
        costNano: 1234,
      }))!.message;
      expect(a1).toMatchObject({
        usageRecordId: "req_1",
        inputTokens: 5,
        outputTokens: 2,
        costNano: 1234,
        parts: [],
      });
      clock.t += 1;
      // A regenerated answer: a second child of u1 becomes the active branch.
      const a2 = (await repo.append(owner, c.id, { parentId: u1.id, role: "assistant", text: "Porto." }))!;
      expect(a2.conversation.activeLeafId).toBe(a2.message.id);
      let branch = (await repo.branch(owner, c.id))!;
      expect(branch.map((m) => m.text)).toEqual(["Where to?", "Porto."]);
      expect(branch[1]!.siblingIds).toEqual([a1.id, a2.message.id]);
      // Switch back; selecting u1 (which has replies) selects its newest branch.
      await repo.update(owner, c.id, { activeLeafId: a1.id });
      branch = (await repo.branch(owner, c.id))!;
      expect(branch.map((m) => m.text)).toEqual(["Where to?", "Lisbon."]);
      expect((await repo.update(owner, c.id, { activeLeafId: u1.id }))!.activeLeafId).toBe(a2.message.id);
      await expect(repo.update(owner, c.id, { activeLeafId: "msg_nope" })).rejects.toMatchObject({
        code: "not_found",
      });
      await expect(
        repo.append(owner, c.id, { parentId: "msg_nope", role: "user", text: "x" }),
      ).rejects.toMatchObject({ code: "not_found" });
      expect((await repo.messages(owner, c.id))!.map((m) => m.id)).toEqual([u1.id, a1.id, a2.message.id]);
    });

    it("keeps a conversation private to its user and workspace, and to its tenant", async () => {
      const { a, owner, repo } = await setup();
      const c = await repo.create(owner, { title: "Mine", model: "m" });
      const other = await store.users.create({
        tenantId: a.tenant.id,
        email: "other@a.test",
        name: "Other",
        role: "member",
        passwordHash: "$argon2id$x",
      });
      const ws2 = await store.workspaces.create({ tenantId: a.tenant.id, name: "second" });
      const b = await seedTenant(store, "B");
      for (const [r, o] of [
        [repo, { workspaceId: a.workspace.id, userId: other.id }],
        [repo, { workspaceId: ws2.id, userId: a.owner.id }],
        [store.forTenant(b.tenant.id).chat, owner],
      ] as const) {
        expect(await r.get(o, c.id)).toBeUndefined();
        expect(await r.branch(o, c.id)).toBeUndefined();
        expect(await r.append(o, c.id, { parentId: null, role: "user", text: "hi" })).toBeUndefined();
        expect(await r.update(o, c.id, { title: "x" })).toBeUndefined();
        expect(await r.remove(o, c.id)).toBe(false);
        expect((await r.list(o, {}, { limit: 10, order: "desc" })).items).toEqual([]);
      }
      expect((await repo.get(owner, c.id))!.title).toBe("Mine");
    });

    it("lists newest activity first, filtered, in keyset pages", async () => {
      const { owner, repo } = await setup();
      const ids: string[] = [];
      for (let i = 0; i < 5; i++) {
        clock.t += 10;
        ids.push((await repo.create(owner, { title: `c${i}`, model: "m" })).id);
      }
      clock.t += 10;
      await repo.append(owner, ids[0]!, { parentId: null, role: "user", text: "bump" });
      await repo.update(owner, ids[1]!, { archived: true });
      await repo.update(owner, ids[2]!, { pinned: true });
      const all: string[] = [];
      let cursor: string | undefined;
      for (;;) {
        const page = await repo.list(
          owner,
          { archived: false },
          { limit: 2, order: "desc", ...(cursor ? { cursor } : {}) },
        );
        all.push(...page.items.map((c) => c.title));
        if (!page.nextCursor) break;
        cursor = page.nextCursor;
      }
      expect(all).toEqual(["c0", "c4", "c3", "c2"]);
      expect(
        (await repo.list(owner, { archived: true }, { limit: 10, order: "desc" })).items.map((c) => c.title),
      ).toEqual(["c1"]);
      expect(
        (await repo.list(owner, { pinned: true }, { limit: 10, order: "desc" })).items.map((c) => c.title),
      ).toEqual(["c2"]);
    });

    it("searches titles and message text, per user, with renames and deletes kept in the index", async () => {
      const { a, owner, repo } = await setup();
      const trip = await repo.create(owner, { title: "Holiday planning", model: "m" });
      const code = await repo.create(owner, { title: "Refactor", model: "m" });
      await repo.append(owner, code.id, {
        parentId: null,
        role: "user",
        text: "Explain TypeScript generics, please.",
      });
      const other = await store.users.create({
        tenantId: a.tenant.id,
        email: "o@a.test",
        name: "O",
        role: "member",
        passwordHash: "$argon2id$x",
      });
      const otherOwner = { workspaceId: a.workspace.id, userId: other.id };
      await repo.create(otherOwner, { title: "Holiday too", model: "m" });
      const search = async (q: string, o: ChatOwner = owner) =>
        (await repo.list(o, { q }, { limit: 10, order: "desc" })).items.map((c) => c.title).sort();
      expect(await search("holiday")).toEqual(["Holiday planning"]);
      expect(await search("holi")).toEqual(["Holiday planning"]);
      expect(await search("typescript GENERIC")).toEqual(["Refactor"]);
      expect(await search("typescript holiday")).toEqual([]);
      expect(await search('"*) OR: ^')).toEqual([]);
      expect(await search("holiday", otherOwner)).toEqual(["Holiday too"]);
      await repo.update(owner, trip.id, { title: "Lisbon weekend" });
      expect(await search("holiday")).toEqual([]);
      expect(await search("lisbon")).toEqual(["Lisbon weekend"]);
      expect(await repo.remove(owner, code.id)).toBe(true);
      expect(await search("generics")).toEqual([]);
    });

    it("deletes a conversation with its messages, and with its workspace", async () => {
      const { a, owner, repo } = await setup();
      const c = await repo.create(owner, { title: "t", model: "m" });
      const m = (await repo.append(owner, c.id, { parentId: null, role: "user", text: "hello" }))!.message;
      await repo.append(owner, c.id, { parentId: m.id, role: "assistant", text: "hi" });
      expect(await repo.remove(owner, c.id)).toBe(true);
      expect(await repo.remove(owner, c.id)).toBe(false);
      expect(await repo.messages(owner, c.id)).toBeUndefined();
      const c2 = await repo.create(owner, { title: "t2", model: "m" });
      await repo.append(owner, c2.id, { parentId: null, role: "user", text: "x" });
      expect(await store.forTenant(a.tenant.id).workspaces.remove(a.workspace.id)).toBe(true);
      expect(await repo.get(owner, c2.id)).toBeUndefined();
    });
  });
}

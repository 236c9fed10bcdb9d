import { createHash } from "node:crypto";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { seedChatOwners } from "../chat/testing/seed-chat-owners.js";
import type { Store } from "../store.js";
import { findStoreTargets, seedTenant, type TestClock, testClock } from "../test-stores.js";
import type { ChatPresetInput, ChatPresetTool } from "./chat-library-types.js";

/**
 * Presets, share links and import on every backend: who sees and changes a preset, the share snapshot
 * and revocation (and the cascade from a deleted conversation), and an import stored as one tree.
 */

const hash = (token: string) => createHash("sha256").update(token).digest("hex");
const preset = (over: Partial<ChatPresetInput> = {}): ChatPresetInput => ({
  name: "Editor",
  description: "Fixes prose",
  systemPrompt: "You fix typos.",
  model: "openai/gpt-4o",
  parameters: { temperature: 0.2, topP: 0.9, maxTokens: 512 },
  shared: false,
  ...over,
});

for (const target of await findStoreTargets()) {
  describe.skipIf(target.skip !== undefined)(`chat presets, shares and import on ${target.name}`, () => {
    let store: Store;
    let clock: TestClock;
    let cleanup: () => Promise<void>;

    beforeEach(async () => {
      clock = testClock();
      ({ store, cleanup } = await target.open(clock.now));
      await store.migrate();
    });
    afterEach(() => cleanup());

    const setup = () => seedChatOwners(store);

    it("shows a private preset to its author only and a shared one to the workspace", async () => {
      const { a, owner, peer, t } = await setup();
      const mine = await t.chatPresets.create(owner, preset());
      clock.t += 1;
      const shared = await t.chatPresets.create(owner, preset({ name: "Shared", shared: true }));
      clock.t += 1;
      const theirs = await t.chatPresets.create(peer, preset({ name: "Theirs" }));
      expect(mine.parameters).toEqual({ temperature: 0.2, topP: 0.9, maxTokens: 512 });

      expect((await t.chatPresets.list(owner, { limit: 10, order: "desc" })).items.map((p) => p.id)).toEqual([
        shared.id,
        mine.id,
      ]);
      expect((await t.chatPresets.list(peer, { limit: 10, order: "desc" })).items.map((p) => p.id)).toEqual([
        theirs.id,
        shared.id,
      ]);
      expect(await t.chatPresets.get(peer, mine.id)).toBeUndefined();
      expect((await t.chatPresets.get(peer, shared.id))?.name).toBe("Shared");
      // Another workspace or tenant sees nothing.
      const ws2 = await store.workspaces.create({ tenantId: a.tenant.id, name: "second" });
      expect(await t.chatPresets.get({ ...owner, workspaceId: ws2.id }, shared.id)).toBeUndefined();
      const b = await seedTenant(store, "B");
      expect(await store.forTenant(b.tenant.id).chatPresets.get(owner, shared.id)).toBeUndefined();
    });

    it("lets only the author update or delete, and pages newest change first", async () => {
      const { owner, peer, t } = await setup();
      const shared = await t.chatPresets.create(owner, preset({ shared: true }));
      expect(await t.chatPresets.update(peer, shared.id, { name: "Hijack" })).toBeUndefined();
      expect(await t.chatPresets.remove(peer, shared.id)).toBe(false);
      clock.t += 5;
      const updated = await t.chatPresets.update(owner, shared.id, { name: "Renamed", parameters: {} });
      expect(updated).toMatchObject({ name: "Renamed", parameters: {}, updatedAt: clock.t });
      expect(await t.chatPresets.get(owner, shared.id)).toEqual(updated);

      for (let i = 0; i < 4; i++) {
        clock.t += 1;
        await t.chatPresets.create(owner, preset({ name: `p${i}` }));
      }
      const first = await t.chatPresets.list(owner, { limit: 3, order: "desc" });
      const second = await t.chatPresets.list(owner, { limit: 3, order: "desc", cursor: first.nextCursor! });
      expect([...first.items, ...second.items].map((p) => p.name)).toEqual([
        "p3",
        "p2",
        "p1",
        "p0",
        "Renamed",
      ]);
      expect(second.nextCursor).toBeNull();
      expect(await t.chatPresets.remove(owner, shared.id)).toBe(true);
      expect(await t.chatPresets.get(owner, shared.id)).toBeUndefined();
    });

    it("stores a preset's tools, none by default, and replaces them on update", async () => {
      const { owner, t } = await setup();
      const tools: ChatPresetTool[] = [
        {
          type: "function",
          function: {
            name: "get_weather",
            description: "Weather in a city — ☀️",
            parameters: { type: "object", properties: { city: { type: "string" } }, required: ["city"] },
            strict: true,
          },
        },
        { type: "function", function: { name: "now" } },
      ];
      const bare = await t.chatPresets.create(owner, preset());
      expect(bare.tools).toEqual([]);
      const withTools = await t.chatPresets.create(owner, preset({ tools }));
      expect((await t.chatPresets.get(owner, withTools.id))?.tools).toEqual(tools);
      const one = await t.chatPresets.update(owner, withTools.id, { tools: [tools[1]!] });
      expect(one?.tools).toEqual([tools[1]]);
      expect((await t.chatPresets.update(owner, withTools.id, { name: "Kept" }))?.tools).toEqual([tools[1]]);
      expect(
        (await t.chatPresets.list(owner, { limit: 10, order: "desc" })).items.map((p) => p.tools),
      ).toEqual([[tools[1]], []]);
    });

    it("shares tool calls and tool results readably", async () => {
      const { owner, t } = await setup();
      const c = await t.chat.create(owner, { title: "Weather", model: "m" });
      const u = (await t.chat.append(owner, c.id, { parentId: null, role: "user", text: "Weather?" }))!
        .message;
      const call = { type: "tool_call", id: "call_1", name: "get_weather", arguments: '{"city":"Lisbon"}' };
      const a = (await t.chat.append(owner, c.id, {
        parentId: u.id,
        role: "assistant",
        text: "",
        parts: [call],
      }))!.message;
      expect(a.parts).toEqual([call]);
      const result = { type: "tool_result", toolCallId: "call_1" };
      const r = (await t.chat.append(owner, c.id, {
        parentId: a.id,
        role: "tool",
        text: "21 °C",
        parts: [result],
      }))!.message;
      expect(r).toMatchObject({ role: "tool", text: "21 °C", parts: [result] });
      await t.chatShares.create(owner, c.id, hash("tools"));
      const seen = await store.chatShares.byTokenHash(hash("tools"));
      expect(seen?.messages.map(({ createdAt: _c, ...m }) => m)).toEqual([
        { role: "user", text: "Weather?", model: null },
        {
          role: "assistant",
          text: "",
          model: null,
          toolCalls: [{ name: "get_weather", arguments: '{"city":"Lisbon"}' }],
        },
        { role: "tool", text: "21 °C", model: null },
      ]);
    });

    it("snapshots the active branch when sharing, finds it by hash, and revokes", async () => {
      const { owner, peer, t } = await setup();
      const c = await t.chat.create(owner, { title: "Trip", model: "m" });
      const u = (await t.chat.append(owner, c.id, { parentId: null, role: "user", text: "Where?" }))!.message;
      await t.chat.append(owner, c.id, { parentId: u.id, role: "assistant", text: "Lisbon.", model: "m" });
      expect(await t.chatShares.create(peer, c.id, hash("x"))).toBeUndefined();

      const share = (await t.chatShares.create(owner, c.id, hash("tok")))!;
      expect(share).toMatchObject({ conversationId: c.id, title: "Trip", messageCount: 2, revokedAt: null });
      await t.chat.append(owner, c.id, { parentId: null, role: "user", text: "Later secret" });
      const seen = await store.chatShares.byTokenHash(hash("tok"));
      expect(seen?.title).toBe("Trip");
      expect(seen?.messages).toEqual([
        { role: "user", text: "Where?", model: null, createdAt: expect.any(Number) },
        { role: "assistant", text: "Lisbon.", model: "m", createdAt: expect.any(Number) },
      ]);
      expect(await store.chatShares.byTokenHash(hash("other"))).toBeUndefined();

      expect(await t.chatShares.list(peer, c.id, { limit: 10, order: "desc" })).toBeUndefined();
      expect(
        (await t.chatShares.list(owner, c.id, { limit: 10, order: "desc" }))!.items.map((s) => s.id),
      ).toEqual([share.id]);
      expect(await t.chatShares.revoke(peer, c.id, share.id)).toBeUndefined();
      clock.t += 1;
      expect((await t.chatShares.revoke(owner, c.id, share.id))?.revokedAt).toBe(clock.t);
      expect(await store.chatShares.byTokenHash(hash("tok"))).toBeUndefined();
    });

    it("revokes a conversation's links when the conversation is deleted", async () => {
      const { owner, t } = await setup();
      const c = await t.chat.create(owner, { title: "Gone", model: "m" });
      await t.chatShares.create(owner, c.id, hash("gone"));
      expect(await store.chatShares.byTokenHash(hash("gone"))).toBeDefined();
      await t.chat.remove(owner, c.id);
      expect(await store.chatShares.byTokenHash(hash("gone"))).toBeUndefined();
    });

    it("imports trees with their branches, and stores nothing when one conversation fails", async () => {
      const { owner, t } = await setup();
      const [c] = await t.chatImport.importAll(owner, [
        {
          title: "Imported",
          model: "gpt-4o",
          createdAt: 1000,
          activeKey: "a2",
          messages: [
            { key: "u1", parentKey: null, role: "user", text: "Hi", model: null, createdAt: 1001 },
            {
              key: "a1",
              parentKey: "u1",
              role: "assistant",
              text: "Hello",
              model: "gpt-4o",
              createdAt: 1002,
            },
            { key: "a2", parentKey: "u1", role: "assistant", text: "Hey", model: "gpt-4o", createdAt: 1003 },
          ],
        },
      ]);
      const branch = (await t.chat.branch(owner, c!.id))!;
      expect(branch.map((m) => m.text)).toEqual(["Hi", "Hey"]);
      expect(branch[1]!.siblingIds).toHaveLength(2);
      expect((await t.chat.messages(owner, c!.id))!.map((m) => m.text)).toEqual(["Hi", "Hello", "Hey"]);

      const before = (await t.chat.list(owner, {}, { limit: 50, order: "desc" })).items.length;
      const good = {
        title: "Fine",
        model: "m",
        createdAt: 1,
        activeKey: "x",
        messages: [
          { key: "x", parentKey: null, role: "user" as const, text: "kept?", model: null, createdAt: 2 },
        ],
      };
      // The second conversation breaks a NOT NULL constraint (both databases): the first must not stay.
      await expect(
        t.chatImport.importAll(owner, [good, { ...good, title: null as never }]),
      ).rejects.toThrow();
      expect((await t.chat.list(owner, {}, { limit: 50, order: "desc" })).items.length).toBe(before);
    });
  });
}

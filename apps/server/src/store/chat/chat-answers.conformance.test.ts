import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Store } from "../store.js";
import { findStoreTargets, seedTenant, type TestClock, testClock } from "../test-stores.js";
import type { ChatOwner } from "./chat-types.js";

/**
 * Answers the server runs, on every backend (migration 0020): a streaming answer's flushes, the stop
 * flag any instance may set, the end states, stale runs, search over flushed text, and privacy.
 */

for (const target of await findStoreTargets()) {
  describe.skipIf(target.skip !== undefined)(`chat answer runs on ${target.name}`, () => {
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
      const t = store.forTenant(a.tenant.id);
      const c = await t.chat.create(owner, { title: "Trip", model: "m" });
      const q = (await t.chat.append(owner, c.id, { parentId: null, role: "user", text: "Where?" }))!.message;
      clock.t += 10;
      const streaming = (await t.chat.append(owner, c.id, {
        parentId: q.id,
        role: "assistant",
        text: "",
        model: "m",
        usageRecordId: "req_1",
        status: "streaming",
      }))!.message;
      return { a, owner, c, q, streaming, chat: t.chat, answers: t.chatAnswers };
    };

    it("flushes a streaming answer's text, searchably, and ends it once", async () => {
      const { owner, c, q, streaming, chat, answers } = await setup();
      expect(q).toMatchObject({ status: "done", error: null });
      expect(streaming).toMatchObject({ status: "streaming", error: null, text: "" });
      expect(await answers.get(owner, c.id, streaming.id)).toMatchObject({
        status: "streaming",
        stopRequested: false,
        flushedAt: clock.t,
      });
      clock.t += 500;
      expect(await answers.flush(streaming.id, { text: "Lisbon is lovely" })).toEqual({
        stopRequested: false,
      });
      expect(await answers.get(owner, c.id, streaming.id)).toMatchObject({
        text: "Lisbon is lovely",
        status: "streaming",
        flushedAt: clock.t,
      });
      // The search index follows the text as it grows (SQLite: the update trigger of 0020).
      expect(
        (await chat.list(owner, { q: "lovely" }, { limit: 10, order: "desc" })).items.map((x) => x.id),
      ).toEqual([c.id]);
      // The final write may carry the answer's parts (its tool calls); a flush without them keeps them.
      const toolCall = {
        type: "tool_call",
        id: "call_1",
        name: "get_weather",
        arguments: '{"city":"Lisbon"}',
      };
      expect(await answers.flush(streaming.id, { text: "Lisbon is lovely", parts: [toolCall] })).toEqual({
        stopRequested: false,
      });
      expect(
        await answers.flush(streaming.id, {
          text: "Lisbon is lovely in May.",
          status: "done",
          inputTokens: 3,
          outputTokens: 6,
          costNano: 42,
        }),
      ).toEqual({ stopRequested: false });
      const branch = await chat.branch(owner, c.id);
      expect(branch?.at(-1)).toMatchObject({
        text: "Lisbon is lovely in May.",
        parts: [toolCall],
        status: "done",
        inputTokens: 3,
        outputTokens: 6,
        costNano: 42,
        usageRecordId: "req_1",
      });
      expect((await chat.list(owner, { q: "lovely" }, { limit: 10, order: "desc" })).items).toHaveLength(1);
      expect((await chat.list(owner, { q: "may" }, { limit: 10, order: "desc" })).items).toHaveLength(1);
      // Its metered numbers, once the usage record settled, replace the stream's.
      expect(await answers.settle(streaming.id, { inputTokens: 4, outputTokens: 7, costNano: 99 })).toBe(
        true,
      );
      expect(await answers.get(owner, c.id, streaming.id)).toMatchObject({
        inputTokens: 4,
        outputTokens: 7,
        costNano: 99,
        status: "done",
      });
      // An ended answer is never written again, nor asked to stop.
      expect(await answers.flush(streaming.id, { text: "overwritten" })).toBeUndefined();
      expect(await answers.requestStop(owner, c.id, streaming.id)).toBe(false);
      expect((await answers.get(owner, c.id, streaming.id))?.text).toBe("Lisbon is lovely in May.");
    });

    it("passes a stop request to the run at its next flush, which ends it stopped", async () => {
      const { owner, c, q, streaming, answers } = await setup();
      // A streaming answer has no metered numbers yet.
      expect(await answers.settle(streaming.id, { inputTokens: 1, outputTokens: 1, costNano: 1 })).toBe(
        false,
      );
      expect(await answers.requestStop(owner, c.id, q.id)).toBe(false);
      expect(await answers.requestStop(owner, c.id, streaming.id)).toBe(true);
      expect(await answers.flush(streaming.id, { text: "Lis" })).toEqual({ stopRequested: true });
      expect(await answers.flush(streaming.id, { text: "Lisb", status: "stopped" })).toEqual({
        stopRequested: true,
      });
      expect(await answers.get(owner, c.id, streaming.id)).toMatchObject({ text: "Lisb", status: "stopped" });
    });

    it("fails a run whose last flush is older than the limit, and only then", async () => {
      const { owner, c, streaming, answers } = await setup();
      const flushedAt = clock.t;
      expect(await answers.failStale(owner, c.id, streaming.id, flushedAt, "gone")).toBe(false);
      expect(await answers.failStale(owner, c.id, streaming.id, flushedAt + 1, "gone")).toBe(true);
      expect(await answers.get(owner, c.id, streaming.id)).toMatchObject({ status: "failed", error: "gone" });
      // The run, if it were alive after all, may not bring it back.
      expect(await answers.flush(streaming.id, { text: "late" })).toBeUndefined();
      expect(await answers.failStale(owner, c.id, streaming.id, flushedAt + 1, "again")).toBe(false);
    });

    it("shows another user's answer to no one else, and a deleted conversation's to no run", async () => {
      const { a, owner, c, streaming, chat, answers } = await setup();
      const other = await store.users.create({
        tenantId: a.tenant.id,
        email: "other@a.test",
        name: "Other",
        role: "member",
        passwordHash: "x",
      });
      const stranger: ChatOwner = { workspaceId: a.workspace.id, userId: other.id };
      expect(await answers.get(stranger, c.id, streaming.id)).toBeUndefined();
      expect(await answers.requestStop(stranger, c.id, streaming.id)).toBe(false);
      expect(await answers.failStale(stranger, c.id, streaming.id, clock.t + 1, "x")).toBe(false);
      const b = await seedTenant(store, "B");
      const elsewhere = store.forTenant(b.tenant.id).chatAnswers;
      expect(await elsewhere.flush(streaming.id, { text: "x" })).toBeUndefined();
      expect((await answers.get(owner, c.id, streaming.id))?.status).toBe("streaming");
      await chat.remove(owner, c.id);
      expect(await answers.flush(streaming.id, { text: "x" })).toBeUndefined();
    });
  });
}

import { createHash } from "node:crypto";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { seedChatOwners } from "../chat/testing/seed-chat-owners.js";
import type { Store } from "../store.js";
import { findStoreTargets, seedTenant, type TestClock, testClock } from "../test-stores.js";
import type { ChatFileInput } from "./chat-files-types.js";

/**
 * Chat files on every backend: bytes kept exactly, owner-only reads, keyset pages, and the per-tenant
 * quota checked atomically (concurrent uploads never overshoot it together).
 */

const input = (bytes: Uint8Array, over: Partial<ChatFileInput> = {}): ChatFileInput => ({
  name: "a.png",
  mediaType: "image/png",
  kind: "image",
  bytes,
  extractedText: null,
  ...over,
});

for (const target of await findStoreTargets()) {
  describe.skipIf(target.skip !== undefined)(`chat files on ${target.name}`, () => {
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

    it("keeps the bytes exactly, with size, SHA-256 and extracted text, for the owner only", async () => {
      const { a, owner, peer, t } = await setup();
      const bytes = new Uint8Array(256).map((_, i) => i);
      const created = await t.chatFiles.create(owner, input(bytes), 10_000);
      if (!created.ok) throw new Error("refused");
      const file = created.file;
      expect(file).toMatchObject({ size: 256, kind: "image", mediaType: "image/png", textLength: 0 });
      expect(file.sha256).toBe(createHash("sha256").update(bytes).digest("hex"));
      expect(file.id).toMatch(/^fil_/);

      const content = await t.chatFiles.content(owner, file.id);
      expect(Buffer.compare(content!.bytes, Buffer.from(bytes))).toBe(0);
      expect(await t.chatFiles.get(owner, file.id)).toEqual(file);

      const doc = await t.chatFiles.create(
        owner,
        input(Buffer.from("# Notes\nhello"), {
          name: "n.md",
          mediaType: "text/markdown",
          kind: "document",
          extractedText: "# Notes\nhello",
        }),
        10_000,
      );
      if (!doc.ok) throw new Error("refused");
      expect(doc.file.textLength).toBe(13);
      expect((await t.chatFiles.text(owner, doc.file.id))?.text).toBe("# Notes\nhello");

      // Another user, another workspace, another tenant: not found.
      expect(await t.chatFiles.get(peer, file.id)).toBeUndefined();
      expect(await t.chatFiles.content(peer, file.id)).toBeUndefined();
      expect(await t.chatFiles.remove(peer, file.id)).toBe(false);
      const ws2 = await store.workspaces.create({ tenantId: a.tenant.id, name: "second" });
      expect(await t.chatFiles.get({ ...owner, workspaceId: ws2.id }, file.id)).toBeUndefined();
      const b = await seedTenant(store, "B");
      expect(await store.forTenant(b.tenant.id).chatFiles.get(owner, file.id)).toBeUndefined();

      expect(await t.chatFiles.remove(owner, file.id)).toBe(true);
      expect(await t.chatFiles.get(owner, file.id)).toBeUndefined();
      expect(await t.chatFiles.usedBytes()).toBe(13);
    });

    it("pages the owner's files newest first", async () => {
      const { owner, peer, t } = await setup();
      const ids: string[] = [];
      for (let i = 0; i < 5; i++) {
        const r = await t.chatFiles.create(owner, input(new Uint8Array([i])), 10_000);
        if (r.ok) ids.push(r.file.id);
        clock.t += 1;
      }
      await t.chatFiles.create(peer, input(new Uint8Array([9])), 10_000);
      const first = await t.chatFiles.list(owner, { limit: 2, order: "desc" });
      expect(first.items.map((f) => f.id)).toEqual([ids[4], ids[3]]);
      const rest = await t.chatFiles.list(owner, { limit: 10, order: "desc", cursor: first.nextCursor! });
      expect(rest.items.map((f) => f.id)).toEqual([ids[2], ids[1], ids[0]]);
      expect(rest.nextCursor).toBeNull();
    });

    it("refuses an upload past the tenant's quota and stores nothing", async () => {
      const { owner, peer, t } = await setup();
      expect((await t.chatFiles.create(owner, input(new Uint8Array(600)), 1000)).ok).toBe(true);
      const refused = await t.chatFiles.create(peer, input(new Uint8Array(401)), 1000);
      expect(refused).toEqual({ ok: false, usedBytes: 600, quotaBytes: 1000 });
      expect((await t.chatFiles.list(peer, { limit: 10, order: "desc" })).items).toEqual([]);
      expect((await t.chatFiles.create(peer, input(new Uint8Array(400)), 1000)).ok).toBe(true);
      expect(await t.chatFiles.usedBytes()).toBe(1000);
    });

    it("lets concurrent uploads fill the quota but never overshoot it", async () => {
      const { t, owner } = await setup();
      const results = await Promise.all(
        Array.from({ length: 12 }, () => t.chatFiles.create(owner, input(new Uint8Array(100)), 500)),
      );
      expect(results.filter((r) => r.ok)).toHaveLength(5);
      expect(await t.chatFiles.usedBytes()).toBe(500);
    });
  });
}

import { describe, expect, it } from "vitest";
import { createMemoryIdempotencyCache, IDEMPOTENCY_TTL_MS, type StoredReply } from "./idempotency-cache.js";

const stored = (body: string): StoredReply => ({ fingerprint: "f", status: 201, contentType: null, body });

describe("createMemoryIdempotencyCache", () => {
  it("keeps an answer for its TTL and forgets it after", async () => {
    let now = 1_000;
    const cache = createMemoryIdempotencyCache({ now: () => now });
    await cache.put("k", stored("a"), IDEMPOTENCY_TTL_MS);
    now += IDEMPOTENCY_TTL_MS - 1;
    expect((await cache.get("k"))?.body).toBe("a");
    now += 1;
    expect(await cache.get("k")).toBeUndefined();
  });

  it("holds at most maxEntries, evicting the oldest", async () => {
    const cache = createMemoryIdempotencyCache({ now: () => 0, maxEntries: 2 });
    await cache.put("a", stored("a"), 1000);
    await cache.put("b", stored("b"), 1000);
    await cache.put("a", stored("a2"), 1000);
    await cache.put("c", stored("c"), 1000);
    expect(await cache.get("b")).toBeUndefined();
    expect((await cache.get("a"))?.body).toBe("a2");
    expect((await cache.get("c"))?.body).toBe("c");
  });

  it("marks a key in flight until it ends", () => {
    const cache = createMemoryIdempotencyCache({ now: () => 0 });
    expect(cache.begin("k")).toBe(true);
    expect(cache.begin("k")).toBe(false);
    expect(cache.begin("other")).toBe(true);
    cache.end("k");
    expect(cache.begin("k")).toBe(true);
  });
});

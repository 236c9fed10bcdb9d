import type { Redis } from "ioredis";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { BreakerPolicy } from "./breaker-policy.js";
import { CircuitBreakers } from "./circuit-breakers.js";
import { RedisBreakerStore } from "./redis-breaker-store.js";
import { connectTestRedis, deleteKeysWithPrefix, findTestRedis, uniqueTestPrefix } from "./test-redis.js";

// What only the Redis store has: keys, TTLs, the background refresh and degrading when Redis fails.
// The behaviour both stores share is in circuit-breakers.conformance.test.ts.
const redisEnv = await findTestRedis();

describe.skipIf(!redisEnv.available)("RedisBreakerStore", () => {
  const T0 = 1_700_000_000_000;
  let t = T0;
  const now = () => t;
  let prefix: string;
  let clients: Redis[];
  let stores: RedisBreakerStore[];

  const connect = async () => {
    const redis = connectTestRedis(redisEnv.url);
    await redis.connect();
    clients.push(redis);
    return redis;
  };
  const makeStore = async (
    refreshMs: number,
    onError?: (err: unknown) => void,
    policy?: Partial<BreakerPolicy>,
  ) => {
    const store = new RedisBreakerStore({
      redis: await connect(),
      keyPrefix: prefix,
      refreshMs,
      onError,
      policy,
    });
    stores.push(store);
    return store;
  };

  beforeEach(() => {
    t = T0;
    prefix = uniqueTestPrefix("cb-redis");
    clients = [];
    stores = [];
  });
  afterEach(async () => {
    for (const s of stores) await s.close();
    const admin = await connect();
    await deleteKeysWithPrefix(admin, prefix);
    expect(await admin.keys(`${prefix}*`)).toEqual([]);
    for (const c of clients) c.disconnect();
  });

  it("keeps one prefixed hash per deployment, with a TTL longer than any open state", async () => {
    const breakers = new CircuitBreakers(await makeStore(0), { now });
    for (let i = 0; i < 5; i++) await breakers.onFailure("dep-a");
    const admin = await connect();
    expect(await admin.keys(`${prefix}*`)).toEqual([`${prefix}dep-a`]);
    const ttl = await admin.pttl(`${prefix}dep-a`);
    // window 30 s + max cool-down 300 s + probe lease 60 s + 60 s of margin
    expect(ttl).toBeGreaterThan(440_000);
    expect(ttl).toBeLessThanOrEqual(450_000);
    expect(await admin.hget(`${prefix}dep-a`, "np")).toBe(String(T0 + 30_000));
  });

  it("keeps a rate-limit cool-down in the hash, with a TTL that outlives the longest one", async () => {
    const breakers = new CircuitBreakers(
      await makeStore(0, undefined, { maxRateLimitCoolDownMs: 1_000_000 }),
      {
        now,
      },
    );
    await breakers.coolDown("dep-a", 2_000_000);
    const admin = await connect();
    expect(await admin.hmget(`${prefix}dep-a`, "cu", "cs", "st", "cf")).toEqual([
      String(T0 + 1_000_000),
      String(T0),
      "0",
      "0",
    ]);
    const ttl = await admin.pttl(`${prefix}dep-a`);
    expect(ttl).toBeGreaterThan(1_050_000); // the cap (1,000 s) + 60 s of margin
    expect(ttl).toBeLessThanOrEqual(1_060_000);
  });

  it("learns in the background that another instance opened a breaker", async () => {
    const writer = new CircuitBreakers(await makeStore(0), { now });
    const reader = new CircuitBreakers(await makeStore(20), { now });
    expect(reader.isOpen("dep-a")).toBe(false); // first sight: watched from now on
    for (let i = 0; i < 5; i++) await writer.onFailure("dep-a");
    await vi.waitFor(() => expect(reader.isOpen("dep-a")).toBe(true), { timeout: 2_000, interval: 10 });
    expect(await reader.canPass("dep-a")).toBe(false);
  });

  it("degrades when Redis fails: outcomes are dropped, the probe is decided locally", async () => {
    const errors: unknown[] = [];
    const store = await makeStore(0, (err) => errors.push(err));
    const breakers = new CircuitBreakers(store, { now, onError: (err) => errors.push(err) });
    for (let i = 0; i < 5; i++) await breakers.onFailure("dep-a");
    expect(breakers.isOpen("dep-a")).toBe(true);
    clients[0]!.disconnect();
    await expect(breakers.onFailure("dep-a")).resolves.toBeUndefined();
    expect(await breakers.canPass("dep-a")).toBe(false); // still cooling down, from the cache
    t += 30_000;
    expect(await breakers.canPass("dep-a")).toBe(true); // one local probe...
    expect(await breakers.canPass("dep-a")).toBe(false); // ...per lease
    expect(errors.length).toBeGreaterThanOrEqual(2);
    // The health view does not fail with Redis: it shows the local state, marked degraded.
    expect((await breakers.snapshot(["dep-a"]))[0]).toMatchObject({ state: "half_open", degraded: true });
  });

  it("degrades when Redis fails: a cool-down still steers this instance's traffic away", async () => {
    const errors: unknown[] = [];
    const breakers = new CircuitBreakers(await makeStore(0), { now, onError: (err) => errors.push(err) });
    clients[0]!.disconnect();
    await expect(breakers.coolDown("dep-a", 10_000)).resolves.toBeUndefined();
    expect(errors).toHaveLength(1);
    expect(breakers.isOpen("dep-a")).toBe(true);
    expect(await breakers.canPass("dep-a")).toBe(false);
    expect(breakers.firstBlocked(["dep-a"], (id) => id)).toBe("dep-a");
    t += 10_000;
    expect(await breakers.canPass("dep-a")).toBe(true);
  });
});

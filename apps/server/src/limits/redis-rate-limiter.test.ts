import { createHash } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  connectTestRedis,
  deleteKeysWithPrefix,
  findTestRedis,
  uniqueTestPrefix,
} from "../resilience/test-redis.js";
import { ACQUIRE_LUA } from "./rate-limit-scripts.js";
import { RedisRateLimiter } from "./redis-rate-limiter.js";
import { LIMITER_T0 as T0 } from "./testing/limiter-targets.js";

// What only the Redis limiter has: script loading (EVALSHA, EVAL when Redis lacks the script), key
// expiry, and one round trip per check. The shared behaviour is in rate-limiter.conformance.test.ts.
const redisEnv = await findTestRedis();

describe.skipIf(!redisEnv.available)("RedisRateLimiter", () => {
  const prefix = uniqueTestPrefix("rl-redis");
  const redis = connectTestRedis(redisEnv.url);
  const counters = [
    { key: "{ten_x}:rl_1:r", kind: "requests" as const, limit: 5, cost: 1 },
    { key: "{ten_x}:rl_1:t", kind: "tokens" as const, limit: 500, cost: 100 },
    { key: "{ten_x}:rl_1:c", kind: "concurrent" as const, limit: 2, cost: 1 },
  ];
  beforeAll(() => redis.connect());
  afterAll(async () => {
    await deleteKeysWithPrefix(redis, prefix);
    redis.disconnect();
  });

  it("loads its scripts by their hash (defineCommand: EVALSHA, EVAL when Redis lacks it)", async () => {
    // Not SCRIPT FLUSH: this Redis is shared with other test runs. A fresh script text is unknown to
    // Redis, so its first call takes the EVAL path; later calls use EVALSHA.
    const limiter = new RedisRateLimiter({ redis, keyPrefix: prefix });
    expect((await limiter.acquire({ leaseId: "a", counters, now: T0 })).allowed).toBe(true);
    const d = await limiter.acquire({ leaseId: "b", counters, now: T0 + 1 });
    expect(d.counters.map((c) => c.remaining)).toEqual([3, 300, 0]);
    const sha = createHash("sha1").update(ACQUIRE_LUA).digest("hex");
    expect(await redis.script("EXISTS", sha)).toEqual([1]);
  });

  it("sends one command per check and lets idle keys expire", async () => {
    const limiter = new RedisRateLimiter({ redis, keyPrefix: prefix, leaseTtlMs: 30_000 });
    const sent: string[] = [];
    const monitor = await redis.duplicate().monitor();
    monitor.on("monitor", (_time: string, args: string[]) => {
      if (args.some((a) => a.includes(prefix))) sent.push(String(args[0]).toLowerCase());
    });
    const fresh = counters.map((c) => ({ ...c, key: c.key.replace("rl_1", "rl_2") }));
    expect((await limiter.acquire({ leaseId: "c", counters: fresh, now: T0 + 2 })).allowed).toBe(true);
    await new Promise((r) => setTimeout(r, 50));
    monitor.disconnect();
    expect(sent.filter((c) => c === "evalsha" || c === "eval")).toHaveLength(1);
    const ttl = await redis.pttl(`${prefix}{ten_x}:rl_2:r`);
    expect(ttl).toBeGreaterThan(60_000);
    expect(ttl).toBeLessThanOrEqual(120_000);
    const slots = await redis.pttl(`${prefix}{ten_x}:rl_2:c`);
    expect(slots).toBeGreaterThan(0);
    expect(slots).toBeLessThanOrEqual(30_000);
  });
});

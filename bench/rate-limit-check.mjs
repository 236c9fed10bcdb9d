// Micro-measure of one rate-limit check (acquire + settle of a request under three limits: rpm, tpm and
// concurrency), memory vs Redis. Needs a build (npx tsc -b) and, for Redis, REDIS_URL or 127.0.0.1:6379.
//   node bench/rate-limit-check.mjs [iterations]
// Sequential calls: the Redis figure is one round trip per acquire and one per settle on this machine's
// loopback, the floor a request pays; concurrent requests overlap those round trips.
import { randomBytes } from "node:crypto";
import { Redis } from "ioredis";
import { MemoryRateLimiter } from "../apps/server/dist/limits/memory-rate-limiter.js";
import { RedisRateLimiter } from "../apps/server/dist/limits/redis-rate-limiter.js";

const N = Number(process.argv[2] ?? 20_000);
const counters = (i) => [
  { key: `{ten_bench}:rl_a:r`, kind: "requests", limit: 1_000_000_000, cost: 1 },
  { key: `{ten_bench}:rl_a:t`, kind: "tokens", limit: 1_000_000_000, cost: 1000 + (i % 7) },
  { key: `{ten_bench}:rl_a:c`, kind: "concurrent", limit: 1_000_000, cost: 1 },
];

async function measure(name, limiter) {
  const warm = Math.min(2000, N / 10);
  const t0 = Date.now();
  let start = 0n;
  for (let i = 0; i < N + warm; i += 1) {
    if (i === warm) start = process.hrtime.bigint();
    const leaseId = `req_${i}`;
    const cs = counters(i);
    const d = await limiter.acquire({ leaseId, counters: cs, now: t0 + i });
    if (!d.allowed) throw new Error(`${name}: refused at ${i}`);
    await limiter.settle({
      leaseId,
      tokens: [{ key: cs[1].key, actual: 500 }],
      concurrent: [cs[2].key],
      now: t0 + i,
    });
  }
  const us = Number(process.hrtime.bigint() - start) / 1000 / N;
  console.log(`${name.padEnd(7)} ${us.toFixed(1).padStart(7)} µs per check (acquire + settle), ${N} checks`);
}

await measure("memory", new MemoryRateLimiter());
const redis = new Redis(process.env.REDIS_URL ?? "redis://127.0.0.1:6379", { lazyConnect: true });
try {
  await redis.connect();
  const keyPrefix = `gatehouse-bench:${randomBytes(4).toString("hex")}:`;
  await measure("redis", new RedisRateLimiter({ redis, keyPrefix }));
  const keys = await redis.keys(`${keyPrefix}*`);
  if (keys.length > 0) await redis.del(...keys);
} catch (err) {
  console.log(`redis   skipped: ${err.message}`);
} finally {
  redis.disconnect();
}

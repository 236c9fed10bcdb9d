import type { Redis } from "ioredis";
import {
  connectTestRedis,
  deleteKeysWithPrefix,
  findTestRedis,
  type TestRedis,
  uniqueTestPrefix,
} from "../../resilience/test-redis.js";
import { MemoryRateLimiter } from "../memory-rate-limiter.js";
import type { RateLimiter } from "../rate-limiter.js";
import { RedisRateLimiter } from "../redis-rate-limiter.js";

/** A fresh limiter; `sibling` is a second instance over the same backend (as a second gateway would hold). */
export interface OpenedLimiter {
  limiter: RateLimiter;
  sibling: () => RateLimiter;
  cleanup: () => Promise<void>;
}

/** One RateLimiter implementation of the conformance suite; `skip` says why it cannot run. */
export interface LimiterTarget {
  name: string;
  skip?: string;
  open: (options?: { leaseTtlMs?: number }) => Promise<OpenedLimiter>;
}

/** A real epoch: the Lua scripts must keep 13-digit times exact. */
export const LIMITER_T0 = 1_700_000_000_000;

/**
 * Every RateLimiter: memory, and Redis (skipped when unreachable unless REQUIRE_SERVICES=1).
 *
 * @example
 * const { targets } = await limiterTargets();
 * for (const target of targets) describe.skipIf(target.skip !== undefined)(target.name, () => { ... });
 */
export async function limiterTargets(): Promise<{ targets: LimiterTarget[]; redis: TestRedis }> {
  const redis = await findTestRedis();
  const targets: LimiterTarget[] = [
    {
      name: "memory",
      open: async (options) => {
        const limiter = new MemoryRateLimiter(options);
        return { limiter, sibling: () => limiter, cleanup: async () => {} };
      },
    },
    {
      name: "redis",
      ...(redis.available ? {} : { skip: redis.reason }),
      open: (options) => openRedisLimiter(redis.url, options),
    },
  ];
  return { targets, redis };
}

/**
 * A RedisRateLimiter over its own key prefix, with a sibling on a second connection.
 *
 * @example
 * const { limiter, cleanup } = await openRedisLimiter("redis://127.0.0.1:6379");
 */
export async function openRedisLimiter(
  url: string,
  options: { leaseTtlMs?: number } = {},
): Promise<OpenedLimiter> {
  const keyPrefix = uniqueTestPrefix("rl");
  const clients: Redis[] = [];
  const connect = () => {
    const client = connectTestRedis(url);
    clients.push(client);
    return client;
  };
  const first = connect();
  await first.connect();
  return {
    limiter: new RedisRateLimiter({ redis: first, keyPrefix, ...options }),
    sibling: () => new RedisRateLimiter({ redis: connect(), keyPrefix, ...options }),
    cleanup: async () => {
      await deleteKeysWithPrefix(first, keyPrefix);
      for (const c of clients) c.disconnect();
    },
  };
}

import type { Redis } from "ioredis";
import type { BreakerPolicy } from "../../resilience/breaker-policy.js";
import type { BreakerStore } from "../../resilience/breaker-store.js";
import { MemoryBreakerStore } from "../../resilience/memory-breaker-store.js";
import { RedisBreakerStore } from "../../resilience/redis-breaker-store.js";
import {
  connectTestRedis,
  deleteKeysWithPrefix,
  findTestRedis,
  uniqueTestPrefix,
} from "../../resilience/test-redis.js";

/**
 * A breaker store for one test gateway, and how to clean up after it (Redis keys, connections).
 * `sibling` is the store a second gateway instance would have over the same state: another Redis client
 * and cache on the same keys; for memory, the same store (instances of one process share it).
 */
export interface OpenedBreakerStore {
  store: BreakerStore;
  sibling(): Promise<BreakerStore>;
  dispose(): Promise<void>;
}

/** One breaker store the e2e cases run over; `skip` says why it cannot run here. */
export interface BreakerStoreKind {
  name: "memory" | "redis";
  skip?: string;
  open(policy: Partial<BreakerPolicy>): Promise<OpenedBreakerStore>;
}

/** How often the Redis store's local view refreshes in these tests (production: 250 ms). */
const REDIS_REFRESH_MS = 50;

/**
 * The breaker stores a gateway can run on — in memory, and shared through Redis as with `REDIS_URL` —
 * so that every e2e case runs over both. Redis is found as `findTestRedis` does: skipped when unreachable,
 * unless REQUIRE_SERVICES=1, where an unreachable Redis fails the file instead.
 *
 * @example
 * const kinds = await breakerStoreKinds();
 * for (const kind of kinds) describe.skipIf(kind.skip !== undefined)(`on ${kind.name}`, () => { ... });
 */
export async function breakerStoreKinds(): Promise<BreakerStoreKind[]> {
  const redis = await findTestRedis();
  return [
    {
      name: "memory",
      open: async (policy) => {
        const store = new MemoryBreakerStore(policy);
        return { store, sibling: async () => store, dispose: async () => {} };
      },
    },
    {
      name: "redis",
      ...(redis.available ? {} : { skip: redis.reason }),
      open: (policy) => openRedisStore(redis.url, policy),
    },
  ];
}

/** Redis stores under a fresh key prefix, refreshing in the background as in production. */
async function openRedisStore(url: string, policy: Partial<BreakerPolicy>): Promise<OpenedBreakerStore> {
  const keyPrefix = uniqueTestPrefix("e2e-breakers");
  const clients: Redis[] = [];
  const stores: BreakerStore[] = [];
  const make = async () => {
    const redis = connectTestRedis(url);
    await redis.connect();
    clients.push(redis);
    const store = new RedisBreakerStore({ redis, policy, keyPrefix, refreshMs: REDIS_REFRESH_MS });
    stores.push(store);
    return store;
  };
  return {
    store: await make(),
    sibling: make,
    dispose: async () => {
      for (const s of stores) await s.close();
      await deleteKeysWithPrefix(clients[0]!, keyPrefix);
      for (const c of clients) c.disconnect();
    },
  };
}

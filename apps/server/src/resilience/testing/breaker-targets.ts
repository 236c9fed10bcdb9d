import type { Redis } from "ioredis";
import type { BreakerPolicy } from "../breaker-policy.js";
import type { BreakerStore } from "../breaker-store.js";
import { MemoryBreakerStore } from "../memory-breaker-store.js";
import { RedisBreakerStore } from "../redis-breaker-store.js";
import {
  connectTestRedis,
  deleteKeysWithPrefix,
  findTestRedis,
  type TestRedis,
  uniqueTestPrefix,
} from "../test-redis.js";

/**
 * A fresh backend of the breaker conformance suite. `sibling` is a second store over the same backend, as a
 * second gateway instance would have (for memory, the same store: instances of one process share it).
 */
export interface OpenedBreakers {
  store: BreakerStore;
  sibling: () => Promise<BreakerStore>;
  cleanup: () => Promise<void>;
}

/** One BreakerStore implementation the conformance suite runs against; `skip` says why it cannot. */
export interface BreakerTarget {
  name: string;
  skip?: string;
  open: (policy: Partial<BreakerPolicy>) => Promise<OpenedBreakers>;
}

/** A real epoch: the Lua scripts must keep 13-digit times exact. */
export const CONFORMANCE_T0 = 1_700_000_000_000;

/**
 * Every BreakerStore, for the conformance suite (DESIGN.md: every seam with two implementations has one
 * conformance suite). Redis is found as `findTestRedis` does: skipped when unreachable, unless
 * REQUIRE_SERVICES=1 makes that an error.
 *
 * @example
 * const { targets } = await breakerTargets();
 * for (const target of targets) describe.skipIf(target.skip !== undefined)(target.name, () => { ... });
 */
export async function breakerTargets(): Promise<{ targets: BreakerTarget[]; redis: TestRedis }> {
  const redis = await findTestRedis();
  const targets: BreakerTarget[] = [
    {
      name: "memory",
      open: async (policy) => {
        const store = new MemoryBreakerStore(policy);
        return { store, sibling: async () => store, cleanup: () => store.close() };
      },
    },
    {
      name: "redis",
      ...(redis.available ? {} : { skip: redis.reason }),
      open: (policy) => openRedis(redis.url, policy),
    },
  ];
  return { targets, redis };
}

/** Opens Redis-backed stores under one fresh prefix; refresh is manual (sync) so tests are deterministic. */
async function openRedis(url: string, policy: Partial<BreakerPolicy>): Promise<OpenedBreakers> {
  const keyPrefix = uniqueTestPrefix("cb");
  const clients: Redis[] = [];
  const stores: BreakerStore[] = [];
  const make = async () => {
    const redis = connectTestRedis(url);
    await redis.connect();
    clients.push(redis);
    const store = new RedisBreakerStore({ redis, policy, keyPrefix, refreshMs: 0 });
    stores.push(store);
    return store;
  };
  const store = await make();
  const cleanup = async () => {
    for (const s of stores) await s.close();
    await deleteKeysWithPrefix(clients[0]!, keyPrefix);
    for (const c of clients) c.disconnect();
  };
  return { store, sibling: make, cleanup };
}

import type { Redis } from "ioredis";
import { afterAll, describe, expect, it } from "vitest";
import {
  connectTestRedis,
  deleteKeysWithPrefix,
  findTestRedis,
  uniqueTestPrefix,
} from "../../resilience/test-redis.js";
import {
  createMemoryIdempotencyCache,
  type IdempotencyCache,
  type StoredReply,
} from "./idempotency-cache.js";
import { RedisIdempotencyCache } from "./redis-idempotency-cache.js";

const redisEnv = await findTestRedis();
const stored = (body: string | null): StoredReply => ({
  fingerprint: "f",
  status: body === null ? 204 : 201,
  contentType: body === null ? null : "application/json",
  body,
});
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

const clients: Redis[] = [];
const prefix = uniqueTestPrefix("idempotency");
afterAll(async () => {
  if (clients[0]) await deleteKeysWithPrefix(clients[0], prefix);
  for (const c of clients) c.disconnect();
});

/** Two caches as two instances would hold them (the same one for memory: it is one instance's). */
const TARGETS: Array<{
  name: string;
  skip?: string;
  open: () => Promise<[IdempotencyCache, IdempotencyCache]>;
}> = [
  {
    name: "memory",
    open: async () => {
      const cache = createMemoryIdempotencyCache({ now: Date.now });
      return [cache, cache];
    },
  },
  {
    name: "redis",
    ...(redisEnv.available ? {} : { skip: redisEnv.reason }),
    open: async () => {
      const make = async () => {
        const redis = connectTestRedis(redisEnv.url);
        await redis.connect();
        clients.push(redis);
        return new RedisIdempotencyCache({ redis, keyPrefix: prefix });
      };
      return [await make(), await make()];
    },
  },
];

for (const target of TARGETS) {
  describe.skipIf(target.skip !== undefined)(`idempotency cache on ${target.name}`, () => {
    it("replays a stored answer exactly, from the other instance too, until its TTL ends", async () => {
      const [one, two] = await target.open();
      const key = `k-${Math.random()}`;
      expect(await two.get(key)).toBeUndefined();
      await one.put(key, stored('{"id":"key_1"}'), 150);
      expect(await two.get(key)).toEqual(stored('{"id":"key_1"}'));
      await one.put(`${key}-204`, stored(null), 10_000);
      expect(await two.get(`${key}-204`)).toEqual(stored(null));
      await sleep(250);
      expect(await two.get(key)).toBeUndefined();
    });

    it("marks a key in flight until it ends", async () => {
      const [one] = await target.open();
      expect(one.begin("k")).toBe(true);
      expect(one.begin("k")).toBe(false);
      one.end("k");
      expect(one.begin("k")).toBe(true);
      one.end("k");
    });
  });
}

describe.skipIf(!redisEnv.available)("RedisIdempotencyCache on bad data and a lost Redis", () => {
  it("reads a value that is not a stored answer as not stored", async () => {
    const redis = connectTestRedis(redisEnv.url);
    await redis.connect();
    clients.push(redis);
    const cache = new RedisIdempotencyCache({ redis, keyPrefix: prefix });
    for (const [i, junk] of [
      "not json",
      "{}",
      '{"fingerprint":"f","status":99,"contentType":null,"body":null}',
    ].entries()) {
      await redis.set(`${prefix}junk-${i}`, junk);
      expect(await cache.get(`junk-${i}`)).toBeUndefined();
    }
  });

  it("answers not stored and reports the error when Redis is gone, never throwing", async () => {
    const redis = connectTestRedis(redisEnv.url);
    await redis.connect();
    redis.disconnect();
    const errors: unknown[] = [];
    const cache = new RedisIdempotencyCache({ redis, keyPrefix: prefix, onError: (e) => errors.push(e) });
    await expect(cache.put("k", stored("a"), 1000)).resolves.toBeUndefined();
    await expect(cache.get("k")).resolves.toBeUndefined();
    expect(errors).toHaveLength(2);
  });
});

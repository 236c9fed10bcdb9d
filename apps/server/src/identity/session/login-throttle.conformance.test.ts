import type { Redis } from "ioredis";
import { afterAll, describe, expect, it } from "vitest";
import {
  connectTestRedis,
  deleteKeysWithPrefix,
  findTestRedis,
  uniqueTestPrefix,
} from "../../resilience/test-redis.js";
import { createLoginThrottle, type LoginThrottle, type ThrottleLimit } from "./login-throttle.js";
import { RedisLoginThrottle } from "./redis-login-throttle.js";

const redisEnv = await findTestRedis();
const prefix = uniqueTestPrefix("login-throttle");
const clients: Redis[] = [];
afterAll(async () => {
  if (clients[0]) await deleteKeysWithPrefix(clients[0], prefix);
  for (const c of clients) c.disconnect();
});
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Small limits and a short real-time window, so the same cases run on both. */
const LIMITS: { perAccount: ThrottleLimit; perIp: ThrottleLimit } = {
  perAccount: { max: 3, windowMs: 400 },
  perIp: { max: 5, windowMs: 400 },
};

/** Two throttles as two instances hold them (one for memory: it is one instance's). */
const TARGETS: Array<{ name: string; skip?: string; open: () => Promise<[LoginThrottle, LoginThrottle]> }> = [
  {
    name: "memory",
    open: async () => {
      const t = createLoginThrottle({ now: Date.now, ...LIMITS });
      return [t, t];
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
        return new RedisLoginThrottle({ redis, now: Date.now, keyPrefix: prefix, ...LIMITS });
      };
      return [await make(), await make()];
    },
  },
];

let n = 0;
const fresh = () => `user${n++}-${Math.random().toString(36).slice(2)}@example.com`;

for (const target of TARGETS) {
  describe.skipIf(target.skip !== undefined)(`login throttle on ${target.name}`, () => {
    it("locks an account after its limit, from any address and on every instance, until the window ends", async () => {
      const [one, two] = await target.open();
      const email = fresh();
      for (let i = 0; i < 2; i++) await one.recordFailure(email, `192.0.2.${i}`);
      expect(await two.check(email, "198.51.100.1")).toEqual({ allowed: true });
      await two.recordFailure(` ${email.toUpperCase()}`, "192.0.2.9");
      const locked = await one.check(email, "203.0.113.7");
      expect(locked).toMatchObject({ allowed: false });
      expect(locked.allowed === false && locked.retryAfterSeconds).toBe(1);
      await sleep(450);
      expect(await two.check(email, "203.0.113.7")).toEqual({ allowed: true });
    });

    it("locks an address after its limit for every account; a success clears the account, not the address", async () => {
      const [one, two] = await target.open();
      const ip = `2001:db8:${n++}::1`;
      const email = fresh();
      await one.recordFailure(email, ip);
      await one.recordFailure(email, ip);
      await two.recordSuccess(email, ip);
      for (let i = 0; i < 3; i++) await one.recordFailure(fresh(), ip.replace("::1", "::2")); // same /64
      expect(await two.check(fresh(), ip)).toMatchObject({ allowed: false });
      expect(await two.check(email, "192.0.2.200")).toEqual({ allowed: true });
    });
  });
}

describe.skipIf(!redisEnv.available)("RedisLoginThrottle without Redis", () => {
  it("throttles on this instance's own counts and reports the errors", async () => {
    const redis = connectTestRedis(redisEnv.url);
    await redis.connect();
    redis.disconnect();
    const errors: unknown[] = [];
    const throttle = new RedisLoginThrottle({
      redis,
      now: Date.now,
      keyPrefix: prefix,
      ...LIMITS,
      onError: (e) => errors.push(e),
    });
    const email = fresh();
    for (let i = 0; i < 3; i++) await throttle.recordFailure(email, "192.0.2.1");
    expect(await throttle.check(email, "192.0.2.50")).toMatchObject({ allowed: false });
    expect(errors.length).toBeGreaterThanOrEqual(4);
  });
});

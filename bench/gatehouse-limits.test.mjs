import { randomBytes } from "node:crypto";
import { Redis } from "ioredis";
import { describe, expect, it } from "vitest";
import { benchRedisUrl, firstRunPassword, forgetRedisKeys, limitCommands } from "./gatehouse-limits.mjs";
import { labelOf, TARGETS } from "./targets.mjs";

describe("--limits set-up", () => {
  it("reads the first-run password gatehouse start printed into its log", () => {
    const log =
      '{"level":30,"msg":"x"}\n  Admin:    admin@localhost\n  Password: Zx_9-aB\n  API key:  gh_1\n';
    expect(firstRunPassword(log)).toBe("Zx_9-aB");
    expect(() => firstRunPassword("Gatehouse listening on http://127.0.0.1:1")).toThrow(/no first-run/);
  });

  it("prices the model, limits the bench key and budgets the tenant, each too high to refuse", () => {
    const [price, limit, budget] = limitCommands("key_abc");
    expect(price.slice(0, 3)).toEqual(["prices", "set", "bench-model"]);
    expect(limit).toEqual(expect.arrayContaining(["limits", "set", "--scope", "key", "--id", "key_abc"]));
    const value = (args, flag) => Number(args[args.indexOf(flag) + 1]);
    expect(value(limit, "--rpm")).toBeGreaterThanOrEqual(1e9);
    expect(value(limit, "--tpm")).toBeLessThanOrEqual(1e12); // the API's bound
    expect(value(limit, "--concurrency")).toBeGreaterThanOrEqual(1e6);
    expect(budget).toEqual(expect.arrayContaining(["budgets", "set", "--scope", "tenant"]));
    expect(value(budget, "--usd")).toBeGreaterThanOrEqual(1e6);
  });

  it("uses REDIS_URL, else the local Redis", () => {
    expect(benchRedisUrl({})).toBe("redis://127.0.0.1:6379");
    expect(benchRedisUrl({ REDIS_URL: "redis://r:6380" })).toBe("redis://r:6380");
  });

  it("labels Gatehouse's rows with the limits they ran with, and only Gatehouse's", () => {
    const gatehouse = TARGETS.find((t) => t.name === "gatehouse");
    const direct = TARGETS.find((t) => t.name === "direct");
    expect(labelOf(gatehouse, {})).toBe("Gatehouse");
    expect(labelOf(gatehouse, { limits: "redis" })).toBe("Gatehouse (limits + budgets, redis)");
    expect(labelOf(direct, { limits: "memory" })).toBe(direct.label);
  });
});

/** The local Redis, or undefined (the test is skipped; with REQUIRE_SERVICES=1 it fails instead). */
async function reachableRedis() {
  const redis = new Redis(benchRedisUrl(), {
    lazyConnect: true,
    maxRetriesPerRequest: 1,
    retryStrategy: () => null,
  });
  redis.on("error", () => {});
  try {
    await redis.connect();
    return redis;
  } catch (err) {
    if (process.env.REQUIRE_SERVICES === "1") throw err;
    return undefined;
  }
}
const redis = await reachableRedis();

describe.skipIf(!redis)("forgetRedisKeys", () => {
  it("deletes the keys naming the run's ids and its open holds, and nothing else", async () => {
    const tag = randomBytes(4).toString("hex");
    const [ours, theirs] = [`bdg_ours${tag}`, `bdg_theirs${tag}`];
    const hold = (id) => JSON.stringify([{ key: `gatehouse:budget:c:${id}:1`, budgetId: id, amount: "5" }]);
    await redis.set(`gatehouse:budget:c:${ours}:1`, "1");
    await redis.set(`gatehouse:rl:{ten_x}:${ours}:r`, "1");
    await redis.set(`gatehouse:budget:r:hold-ours-${tag}`, hold(ours));
    await redis.zadd("gatehouse:budget:expiring", 1, `hold-ours-${tag}`, 1, `hold-theirs-${tag}`);
    await redis.set(`gatehouse:budget:r:hold-theirs-${tag}`, hold(theirs));
    await redis.set(`gatehouse:budget:c:${theirs}:1`, "1");
    try {
      await forgetRedisKeys(benchRedisUrl(), [ours]);
      expect(await redis.exists(`gatehouse:budget:c:${ours}:1`, `gatehouse:rl:{ten_x}:${ours}:r`)).toBe(0);
      expect(await redis.exists(`gatehouse:budget:r:hold-ours-${tag}`)).toBe(0);
      expect(await redis.zscore("gatehouse:budget:expiring", `hold-ours-${tag}`)).toBeNull();
      expect(
        await redis.exists(`gatehouse:budget:r:hold-theirs-${tag}`, `gatehouse:budget:c:${theirs}:1`),
      ).toBe(2);
      expect(await redis.zscore("gatehouse:budget:expiring", `hold-theirs-${tag}`)).not.toBeNull();
    } finally {
      await redis.del(`gatehouse:budget:r:hold-theirs-${tag}`, `gatehouse:budget:c:${theirs}:1`);
      await redis.zrem("gatehouse:budget:expiring", `hold-theirs-${tag}`);
      redis.disconnect();
    }
  });
});

import type { FakeServer } from "@gatehouse/test-support";
import type { Redis } from "ioredis";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApp, type GatehouseApp } from "../create-app.js";
import { RedisRateLimiter } from "../limits/redis-rate-limiter.js";
import { createLogger } from "../logging/create-logger.js";
import {
  connectTestRedis,
  deleteKeysWithPrefix,
  findTestRedis,
  uniqueTestPrefix,
} from "../resilience/test-redis.js";
import { createStore } from "../store/create-store.js";
import type { Store } from "../store/store.js";
import { startTestGateway, type TestGateway } from "../testing/start-test-gateway.js";
import { addModel, addProvider, startFake } from "./routing/routing-fixture.js";
import { chat } from "./routing/surface-client.js";

// Two gateway instances over one database and one Redis, as behind a load balancer (REDIS_URL set): one
// limit for both, not one per replica. A limit created through one instance's store reaches the other
// through the `limits` revision. Skipped without Redis, unless REQUIRE_SERVICES=1.
const redisEnv = await findTestRedis();

describe.skipIf(!redisEnv.available)("rate limits shared through Redis", () => {
  const prefix = uniqueTestPrefix("e2e-limits");
  const clients: Redis[] = [];
  let store: Store;
  let a: TestGateway;
  let b: { url: string; key: string; app: GatehouseApp };
  let upstream: FakeServer;
  let t = Date.UTC(2026, 0, 1);
  const now = () => t;

  const limiter = async () => {
    const redis = connectTestRedis(redisEnv.url);
    await redis.connect();
    clients.push(redis);
    return new RedisRateLimiter({ redis, keyPrefix: prefix });
  };

  beforeAll(async () => {
    upstream = await startFake("openai");
    store = createStore({ sqlitePath: ":memory:" });
    a = await startTestGateway({ store, now, rateLimiter: await limiter() });
    const appB = await createApp({
      store,
      secretBox: a.secretBox,
      logger: createLogger("silent"),
      refreshIntervalMs: 50,
      now,
      rateLimiter: await limiter(),
    });
    await appB.server.listen({ port: 0, host: "127.0.0.1" });
    const address = appB.server.server.address();
    b = {
      url: `http://127.0.0.1:${typeof address === "object" && address ? address.port : 0}`,
      key: a.key,
      app: appB,
    };
    await addProvider(a, "up", "openai", upstream);
    await addModel(a, "shared", [{ provider: "up" }]);
    await b.app.refresh();
  });
  afterAll(async () => {
    for (const gw of [a, b]) {
      await gw?.app.server.close();
      await gw?.app.shutdown();
    }
    await store?.close();
    const admin = connectTestRedis(redisEnv.url);
    await admin.connect();
    await deleteKeysWithPrefix(admin, prefix);
    for (const c of [...clients, admin]) c.disconnect();
    await upstream?.close();
  });

  it("enforces one limit across both instances", async () => {
    await store
      .forTenant(a.tenant.id)
      .rateLimits.create({ scopeKind: "tenant", scopeId: a.tenant.id, rpm: 3 });
    // B learns of the limit from the shared store's `limits` revision, as a second process would.
    await a.app.refresh();
    await b.app.refresh();
    const statuses: number[] = [];
    for (const gw of [a, b, a, b, a, b]) statuses.push((await chat(gw, "openai", "shared")).status);
    expect(statuses).toEqual([200, 200, 200, 429, 429, 429]);
    expect(upstream.requests).toHaveLength(3);
    const refused = await chat(b, "anthropic", "shared");
    expect(refused.status).toBe(429);
    expect(refused.headers.get("anthropic-ratelimit-requests-remaining")).toBe("0");
    t += 60_000;
    expect((await chat(b, "openai", "shared")).status).toBe(200);
  });
});

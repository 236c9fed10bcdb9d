import type { FakeServer } from "@gatehouse/test-support";
import type { Redis } from "ioredis";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DeploymentHealth } from "../control-plane/deployment-health.js";
import { createApp, type GatehouseApp } from "../create-app.js";
import { createLogger } from "../logging/create-logger.js";
import { RedisBreakerStore } from "../resilience/redis-breaker-store.js";
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

// Two gateway instances over one database and one Redis, as behind a load balancer (REDIS_URL set):
// a breaker one of them opens keeps the other's traffic away too. Skipped without Redis, unless
// REQUIRE_SERVICES=1, where an unreachable Redis fails the file.
const redisEnv = await findTestRedis();
const REFRESH_MS = 50;

describe.skipIf(!redisEnv.available)("circuit breakers shared through Redis", () => {
  const prefix = uniqueTestPrefix("e2e-breakers");
  const clients: Redis[] = [];
  let store: Store;
  let a: TestGateway;
  let b: { url: string; key: string; app: GatehouseApp };
  let primary: FakeServer;
  let backup: FakeServer;

  const breakerStore = async () => {
    const redis = connectTestRedis(redisEnv.url);
    await redis.connect();
    clients.push(redis);
    return new RedisBreakerStore({ redis, keyPrefix: prefix, refreshMs: REFRESH_MS });
  };

  beforeAll(async () => {
    primary = await startFake("openai");
    backup = await startFake("openai");
    store = createStore({ sqlitePath: ":memory:" });
    a = await startTestGateway({ store, breakerStore: await breakerStore() });
    // The second instance: same database, same encryption key, same API keys — its own process state.
    const appB = await createApp({
      store,
      secretBox: a.secretBox,
      logger: createLogger("silent"),
      refreshIntervalMs: 50,
      breakerStore: await breakerStore(),
    });
    await appB.server.listen({ port: 0, host: "127.0.0.1" });
    const address = appB.server.server.address();
    b = {
      url: `http://127.0.0.1:${typeof address === "object" && address ? address.port : 0}`,
      key: a.key,
      app: appB,
    };
    await addProvider(a, "primary", "openai", primary);
    await addProvider(a, "backup", "openai", backup);
    await addModel(a, "shared", [{ provider: "primary" }, { provider: "backup", priority: 1 }]);
    // B learns of the model from the shared store's revision (a poll may be loading an older snapshot).
    for (let i = 0; i < 100 && !b.app.runtime.catalog.resolve(a.tenant.id, "shared"); i++) {
      await new Promise((r) => setTimeout(r, 20));
      await b.app.refresh();
    }
  });
  afterAll(async () => {
    // Both gateways share the store: close the servers first, the store once.
    for (const gw of [a, b]) {
      await gw?.app.server.close();
      await gw?.app.shutdown();
    }
    await store?.close();
    const admin = connectTestRedis(redisEnv.url);
    await admin.connect();
    await deleteKeysWithPrefix(admin, prefix);
    for (const c of [...clients, admin]) c.disconnect();
    await primary?.close();
    await backup?.close();
  });

  it("a breaker opened by one instance is honoured by the other", async () => {
    // Both instances have served the deployment while it was healthy.
    expect((await chat(a, "openai", "shared")).provider).toBe("primary");
    expect((await chat(b, "openai", "shared")).provider).toBe("primary");
    primary.setMode("error-500");
    const before = primary.requests.length;
    for (let i = 0; i < 6; i++) expect((await chat(a, "openai", "shared")).provider).toBe("backup");
    expect(primary.requests.length - before).toBe(5); // opened after 5 failures, all seen by A

    await new Promise((r) => setTimeout(r, REFRESH_MS * 4)); // B's view of Redis refreshes
    const seen = primary.requests.length;
    for (let i = 0; i < 10; i++) {
      const res = await chat(b, "openai", "shared", { stream: i % 2 === 0 });
      expect(res.status).toBe(200);
      expect(res.provider).toBe("backup");
    }
    expect(primary.requests.length).toBe(seen); // B sent the failing deployment nothing

    const res = await b.app.server.inject({
      method: "GET",
      url: "/api/deployments/health",
      headers: { authorization: `Bearer ${b.key}` },
    });
    const row = (res.json().deployments as DeploymentHealth[]).find((d) => d.provider === "primary")!;
    expect(row.breaker).toMatchObject({ state: "open", consecutiveFailures: 5 });
  });
});

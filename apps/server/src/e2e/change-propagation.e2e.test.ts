import type { Redis } from "ioredis";
import { afterEach, describe, expect, it } from "vitest";
import { apiClient } from "../control-plane/e2e/control-plane-api.js";
import { createApp, type GatehouseApp } from "../create-app.js";
import { createPasswordHasher } from "../identity/session/password-hasher.js";
import { createLogger } from "../logging/create-logger.js";
import { connectTestRedis, findTestRedis, uniqueTestPrefix } from "../resilience/test-redis.js";
import type { ChangeBus } from "../runtime/change-bus/change-bus.js";
import { RedisChangeBus } from "../runtime/change-bus/redis-change-bus.js";
import { createStore } from "../store/create-store.js";
import type { Store } from "../store/store.js";
import { createTestSchema, findTestPostgres } from "../store/test-databases.js";
import { startTestGateway, type TestGateway } from "../testing/start-test-gateway.js";

// Two gateway instances on one PostgreSQL database (and one Redis), as behind a load balancer: a key
// revoked through the control plane of one is refused by the other within a second. Skipped without
// PostgreSQL or Redis, unless REQUIRE_SERVICES=1, where an unreachable one fails the file.
const postgres = await findTestPostgres();
const redisEnv = await findTestRedis();
const hasher = createPasswordHasher({ memoryCost: 1024, timeCost: 1 });
const PASSWORD = "correct horse battery staple";

interface Cluster {
  one: TestGateway;
  two: { url: string; app: GatehouseApp; store: Store };
  owner: string;
  close(): Promise<void>;
}

/** Starts two instances on a fresh schema; `bus` gives each instance its change bus (or none). */
async function startCluster(refreshIntervalMs: number, bus?: () => Promise<ChangeBus>): Promise<Cluster> {
  const { schema, drop } = await createTestSchema(postgres.url);
  const storeOne = createStore({ databaseUrl: postgres.url, pgSchema: schema });
  const one = await startTestGateway({
    store: storeOne,
    refreshIntervalMs,
    passwordHasher: hasher,
    ...(bus && { changeBus: await bus() }),
  });
  const storeTwo = createStore({ databaseUrl: postgres.url, pgSchema: schema });
  const app = await createApp({
    store: storeTwo,
    secretBox: one.secretBox,
    logger: createLogger("silent"),
    refreshIntervalMs,
    ...(bus && { changeBus: await bus() }),
  });
  await app.server.listen({ port: 0, host: "127.0.0.1" });
  const address = app.server.server.address();
  const url = `http://127.0.0.1:${typeof address === "object" && address ? address.port : 0}`;
  await storeOne.users.create({
    tenantId: one.tenant.id,
    email: "owner@acme.test",
    name: "Olive Owner",
    role: "owner",
    passwordHash: await hasher.hash(PASSWORD),
  });
  const login = await apiClient(one.url)("POST", "/api/auth/login", {
    body: { email: "owner@acme.test", password: PASSWORD },
  });
  return {
    one,
    two: { url, app, store: storeTwo },
    owner: login.json.accessToken,
    close: async () => {
      await app.server.close();
      await app.shutdown();
      await storeTwo.close();
      await one.close();
      await drop();
    },
  };
}

async function status(url: string, key: string): Promise<number> {
  const res = await fetch(`${url}/v1/models`, { headers: { authorization: `Bearer ${key}` } });
  await res.arrayBuffer();
  return res.status;
}

/** Creates a key on instance one, checks it works on both, revokes it on one; ms until two refuses it. */
async function revokeAndTime(c: Cluster): Promise<number> {
  const call = apiClient(c.one.url);
  const t = c.one.tenant.id;
  const created = await call("POST", `/api/tenants/${t}/workspaces/${c.one.workspace.id}/keys`, {
    token: c.owner,
    body: { name: "moving" },
  });
  expect(created.status).toBe(201);
  const secret: string = created.json.secret;
  // Both instances serve it, so instance two holds it in its key cache (60 s) from here on.
  expect(await status(c.one.url, secret)).toBe(200);
  expect(await status(c.two.url, secret)).toBe(200);
  expect(await status(c.two.url, secret)).toBe(200);
  const revoked = await call("POST", `/api/tenants/${t}/keys/${created.json.key.id}/revoke`, {
    token: c.owner,
  });
  expect(revoked.json.status).toBe("revoked");
  const start = performance.now();
  expect(await status(c.one.url, secret)).toBe(401);
  while (performance.now() - start < 1_000) {
    if ((await status(c.two.url, secret)) === 401) return performance.now() - start;
    await new Promise((r) => setTimeout(r, 10));
  }
  return Number.POSITIVE_INFINITY;
}

describe.skipIf(!postgres.available)("a revoked key is refused on every instance within 1 s", () => {
  let cluster: Cluster | undefined;
  const clients: Redis[] = [];
  afterEach(async () => {
    await cluster?.close();
    cluster = undefined;
    for (const c of clients.splice(0)) c.disconnect();
  });

  it.skipIf(!redisEnv.available)(
    "through Redis pub/sub, with a 60 s poll that cannot be what does it",
    async () => {
      const channel = `${uniqueTestPrefix("e2e-changes")}changes`;
      cluster = await startCluster(60_000, async () => {
        const redis = connectTestRedis(redisEnv.url);
        await redis.connect();
        clients.push(redis);
        return new RedisChangeBus({ redis, channel });
      });
      const ms = await revokeAndTime(cluster);
      expect(ms).toBeLessThan(1_000);
    },
  );

  it("without Redis, through the revision poll (200 ms)", async () => {
    cluster = await startCluster(200);
    const ms = await revokeAndTime(cluster);
    expect(ms).toBeLessThan(1_000);
  });

  it("without Redis and with a 60 s poll, instance two keeps the cached key: the bus is what propagates", async () => {
    cluster = await startCluster(60_000);
    const ms = await revokeAndTime(cluster);
    expect(ms).toBe(Number.POSITIVE_INFINITY);
  });
});

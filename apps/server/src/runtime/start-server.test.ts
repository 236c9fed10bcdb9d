import { existsSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type FakeServer, startFakeOpenAI } from "@gatehouse/test-support";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { loadConfig } from "../config/config.js";
import type { DeploymentHealth } from "../control-plane/deployment-health.js";
import { apiClient } from "../control-plane/e2e/control-plane-api.js";
import { throttleIpKey } from "../identity/session/throttle-ip-key.js";
import { connectTestRedis, findTestRedis } from "../resilience/test-redis.js";
import { createStore } from "../store/create-store.js";
import { startServer } from "./start-server.js";

const redisEnv = await findTestRedis();

let dir: string;
let fake: FakeServer;
beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), "gatehouse-start-"));
  fake = await startFakeOpenAI();
});
afterEach(async () => {
  await fake.close();
  rmSync(dir, { recursive: true, force: true });
});

/** `gatehouse start` on a fresh data directory with the fake as the `openai` provider. */
async function start(redisUrl: string | undefined, env: Record<string, string> = {}) {
  const lines: string[] = [];
  const config = loadConfig({
    PORT: "0",
    HOST: "127.0.0.1",
    GATEHOUSE_DATA_DIR: dir,
    LOG_LEVEL: "silent",
    OPENAI_BASE_URL: fake.url,
    OPENAI_API_KEY: "sk-fake",
    ...(redisUrl && { REDIS_URL: redisUrl }),
    ...env,
  });
  const server = await startServer(config, { print: (l) => lines.push(l) });
  const key = lines
    .find((l) => l.includes("API key:"))!
    .split("API key:")[1]!
    .trim();
  const chat = () =>
    fetch(`${server.url}/v1/chat/completions`, {
      method: "POST",
      headers: { authorization: `Bearer ${key}` },
      body: JSON.stringify({ model: "openai/gpt-4o", messages: [{ role: "user", content: "Hi" }] }),
    });
  const health = async () => {
    const res = await fetch(`${server.url}/api/deployments/health`, {
      headers: { authorization: `Bearer ${key}` },
    });
    return ((await res.json()) as { deployments: DeploymentHealth[] }).deployments;
  };
  const field = (name: string) =>
    lines
      .find((l) => l.includes(`${name}:`))!
      .split(`${name}:`)[1]!
      .trim();
  return { server, chat, health, admin: { email: field("Admin"), password: field("Password") } };
}

describe("startServer with REDIS_URL", () => {
  it.skipIf(!redisEnv.available)("keeps circuit-breaker state in Redis, and stops cleanly", async () => {
    const { server, chat, health } = await start(redisEnv.url);
    const redis = connectTestRedis(redisEnv.url);
    await redis.connect();
    try {
      fake.setMode("error-500");
      for (let i = 0; i < 3; i++) expect((await chat()).status).toBe(502);
      const [row] = await health();
      expect(row!.breaker).toMatchObject({ state: "open", consecutiveFailures: 5 });
      // The state is Redis's: the key of the deployment's breaker holds it.
      expect(await redis.exists(`gatehouse:cb:${row!.deploymentId}`)).toBe(1);
      await redis.del(`gatehouse:cb:${row!.deploymentId}`);
    } finally {
      redis.disconnect();
      await server.stop();
    }
  });

  it.skipIf(!redisEnv.available)(
    "announces changes on the Redis change bus and keeps idempotent answers in Redis",
    async () => {
      const { server, admin } = await start(redisEnv.url);
      const listener = connectTestRedis(redisEnv.url);
      await listener.connect();
      const redis = connectTestRedis(redisEnv.url);
      await redis.connect();
      const heard: string[] = [];
      listener.on("message", (_channel: string, message: string) => heard.push(message));
      await listener.subscribe("gatehouse:changes");
      try {
        const call = apiClient(server.url);
        const token = (await call("POST", "/api/auth/login", { body: admin })).json.accessToken;
        const me = (await call("GET", "/api/auth/me", { token })).json;
        const tenantId: string = me.memberships[0].tenantId;
        const workspaces = (await call("GET", `/api/tenants/${tenantId}/workspaces`, { token })).json;
        const idempotencyKey = `start-server-${Date.now()}`;
        const created = await call(
          "POST",
          `/api/tenants/${tenantId}/workspaces/${workspaces.items[0].id}/keys`,
          {
            token,
            body: { name: "bus" },
            headers: { "idempotency-key": idempotencyKey },
          },
        );
        expect(created.status).toBe(201);
        const deadline = Date.now() + 2_000;
        while (heard.length === 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 10));
        expect(heard.map((m) => JSON.parse(m))).toContainEqual(
          expect.objectContaining({ tenantId, kind: "keys" }),
        );
        // SCAN, not KEYS: the test Redis may be shared.
        let stored: string | undefined;
        let cursor = "0";
        do {
          const [next, found] = await redis.scan(
            cursor,
            "MATCH",
            `gatehouse:idempotency:*${idempotencyKey}`,
            "COUNT",
            1000,
          );
          stored ??= found[0];
          cursor = next;
        } while (cursor !== "0");
        expect(stored).toBeDefined();
        expect(JSON.parse((await redis.get(stored!))!).body).toContain(created.json.key.id);
        await redis.del(stored!);
        // The login throttle counts in Redis too: a failed sign-in leaves its account counter there.
        const wrong = await call("POST", "/api/auth/login", {
          body: { email: admin.email, password: "wrong" },
        });
        expect(wrong.status).toBe(401);
        const counterKey = `gatehouse:login:a:${admin.email.trim().toLowerCase()}`;
        expect(await redis.get(counterKey)).toBe("1");
        // Not left behind: 20 failures from one address within 15 minutes would lock later runs out.
        const ipKeys = ["127.0.0.1", "::ffff:127.0.0.1"].map(
          (ip) => `gatehouse:login:i:${throttleIpKey(ip)}`,
        );
        expect(await redis.del(counterKey, ...ipKeys)).toBe(2);
      } finally {
        listener.disconnect();
        redis.disconnect();
        await server.stop();
      }
    },
  );

  it("starts and serves while Redis is unreachable; health reports the local view, degraded", async () => {
    const { server, chat, health } = await start("redis://127.0.0.1:1");
    try {
      expect((await chat()).status).toBe(200);
      fake.setMode("error-500");
      for (let i = 0; i < 3; i++) expect((await chat()).status).toBe(502);
      const [row] = await health();
      expect(row!.breaker).toMatchObject({ state: "closed", degraded: true });
    } finally {
      await server.stop();
    }
  });
});

describe("startServer on SQLite", () => {
  it("records usage through the spool's writer thread; stop commits it all and removes the spool", async () => {
    const spoolDir = join(dir, "spool-here");
    const { server, chat } = await start(undefined, { GATEHOUSE_SPOOL_DIR: spoolDir });
    try {
      expect(readdirSync(spoolDir)).toContain("lock");
      for (let i = 0; i < 3; i++) expect((await chat()).status).toBe(200);
    } finally {
      await server.stop();
    }
    expect(existsSync(spoolDir)).toBe(false);
    const store = createStore({ sqlitePath: join(dir, "gatehouse.db") });
    const [tenant] = await store.tenants.list();
    const records = await store.usage.list({ tenantId: tenant!.id });
    await store.close();
    expect(records.map((r) => r.status)).toEqual(["success", "success", "success"]);
  });
});

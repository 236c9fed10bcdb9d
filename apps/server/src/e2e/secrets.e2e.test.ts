import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type FakeServer, startFakeOpenAI } from "@gatehouse/test-support";
import Database from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createStore } from "../store/create-store.js";
import { startTestGateway, type TestGateway } from "../testing/start-test-gateway.js";

const CANARY = "sk-canary-7f3a9c2e1b5d4f60";
let fake: FakeServer;
let gw: TestGateway;
let dir: string;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "gatehouse-secrets-"));
  fake = await startFakeOpenAI({ chunks: 3 });
  gw = await startTestGateway({
    store: createStore({ sqlitePath: join(dir, "gatehouse.db") }),
    providers: [{ name: "fake", baseUrl: fake.url, apiKey: CANARY, models: ["m"] }],
  });
});
afterAll(async () => {
  await gw.close();
  await fake.close();
  rmSync(dir, { recursive: true, force: true });
});

async function call(body: Record<string, unknown>, headers: Record<string, string> = {}) {
  const res = await fetch(`${gw.url}/v1/chat/completions?key=${gw.key}`, {
    method: "POST",
    headers: {
      authorization: `Bearer ${gw.key}`,
      cookie: "session=client-cookie",
      "x-api-key": gw.key,
      ...headers,
    },
    body: JSON.stringify({ model: "m", messages: [{ role: "user", content: "Hi" }], ...body }),
  });
  return res.text();
}

describe("secrets never leave", () => {
  it("the client's key and cookies never reach the upstream; the provider key does", async () => {
    fake.requests.length = 0;
    await call({});
    await call({ stream: true });
    expect(fake.requests).toHaveLength(2);
    for (const r of fake.requests) {
      expect(JSON.stringify(r.headers)).not.toContain(gw.key);
      expect(r.headers.cookie).toBeUndefined();
      expect(r.headers["x-api-key"]).toBeUndefined();
      expect(r.headers.authorization).toBe(`Bearer ${CANARY}`);
      expect(r.body).not.toContain(gw.key);
    }
  });

  it("a canary provider key and the client key appear in no log line and no stored row", async () => {
    fake.setMode("error-500", 1);
    await call({});
    fake.setMode("reset-mid-stream", 1);
    await call({ stream: true });
    await call({ model: "nope" });
    await gw.app.runtime.usage.flush();
    expect(gw.logs.length).toBeGreaterThan(4);
    const logText = gw.logs.join("\n");
    expect(logText).not.toContain(CANARY);
    expect(logText).not.toContain(gw.key);
    expect(logText).toContain("key=[redacted]");

    const db = new Database(join(dir, "gatehouse.db"), { readonly: true });
    const tables = db.prepare("select name from sqlite_master where type = 'table'").all() as Array<{
      name: string;
    }>;
    let dump = "";
    for (const { name } of tables) dump += JSON.stringify(db.prepare(`select * from "${name}"`).all());
    db.close();
    expect(tables.length).toBeGreaterThan(5);
    expect(dump).toContain("gh_");
    expect(dump).not.toContain(CANARY);
    expect(dump).not.toContain(gw.key);
  });
});

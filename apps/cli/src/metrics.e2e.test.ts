import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type FakeServer, startFakeOpenAI } from "@gatehouse/test-support";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type RunningCli, startCli } from "./testing/cli-process.js";

const TOKEN = "metrics-token-for-the-e2e";
let fake: FakeServer;
let dir: string;
let server: RunningCli;
let key: string;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "gatehouse-metrics-"));
  fake = await startFakeOpenAI();
  server = await startCli(["--port", "0", "--data-dir", dir], {
    OPENAI_BASE_URL: fake.url,
    OPENAI_API_KEY: "sk-metrics",
    GATEHOUSE_METRICS: "on",
    GATEHOUSE_METRICS_TOKEN: TOKEN,
    GATEHOUSE_SPOOL_DIR: join(dir, "spool"),
  });
  key = /API key:\s+(gh_\w+)/.exec(server.output())![1]!;
});
afterAll(async () => {
  server?.child.kill("SIGKILL");
  await fake?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe("gatehouse start with GATEHOUSE_METRICS=on", () => {
  it("serves /metrics behind GATEHOUSE_METRICS_TOKEN, with requests and process metrics", async () => {
    const chat = await fetch(`${server.url}/v1/chat/completions`, {
      method: "POST",
      headers: { authorization: `Bearer ${key}`, "content-type": "application/json" },
      body: JSON.stringify({ model: "openai/gpt-4o-mini", messages: [{ role: "user", content: "hi" }] }),
    });
    expect(chat.status).toBe(200);
    expect((await fetch(`${server.url}/metrics`)).status).toBe(401);
    const res = await fetch(`${server.url}/metrics`, { headers: { authorization: `Bearer ${TOKEN}` } });
    expect(res.status).toBe(200);
    const text = await res.text();
    expect(text).toMatch(
      /^gatehouse_requests_total\{surface="openai",operation="chat",model="openai\/\*",status_class="2xx",outcome="success"\} 1$/m,
    );
    expect(text).toMatch(/^process_resident_memory_bytes \d+/m);
    expect(text).toMatch(
      /^gatehouse_circuit_breaker_state\{provider="openai",deployment="[^"]+",state="closed"\} 1$/m,
    );
  });
});

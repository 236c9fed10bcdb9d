import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createStore } from "@gatehouse/server";
import { type FakeServer, startFakeOpenAI } from "@gatehouse/test-support";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type RunningCli, runCli, startCli } from "./testing/cli-process.js";

let fake: FakeServer;
let slow: FakeServer;
let dir: string;
let server: RunningCli;
let firstKey: string;

/** The JSON body of the README's curl example, so the documented request is the tested one. */
function readmeCurlBody(): string {
  const readme = readFileSync(new URL("../../../README.md", import.meta.url), "utf8");
  const m = /curl http:\/\/localhost:8080\/v1\/chat\/completions[\s\S]*?-d '([^']+)'/.exec(readme);
  if (!m) throw new Error("README has no curl example");
  return m[1]!;
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "gatehouse-cli-"));
  fake = await startFakeOpenAI();
  slow = await startFakeOpenAI({ chunks: 10, chunkDelayMs: 100 });
  server = await startCli(["--port", "0", "--data-dir", dir], {
    OPENAI_BASE_URL: fake.url,
    OPENAI_API_KEY: "sk-from-env",
  });
  firstKey = /API key:\s+(gh_\w+)/.exec(server.output())![1]!;
});
afterAll(async () => {
  server.child.kill("SIGKILL");
  await fake.close();
  await slow.close();
  rmSync(dir, { recursive: true, force: true });
});

const chat = (url: string, key: string, body: string) =>
  fetch(`${url}/v1/chat/completions`, {
    method: "POST",
    headers: { authorization: `Bearer ${key}`, "content-type": "application/json" },
    body,
  });

describe("gatehouse start (the real binary)", () => {
  it("creates the data directory, a 0600 key file, an admin and a first key, printed once", () => {
    const out = server.output();
    expect(out).toMatch(/Admin:\s+admin@localhost/);
    expect(out).toMatch(/Password:\s+\S{20,}/);
    expect(out).toContain("Provider: openai");
    expect(statSync(join(dir, "secret.key")).mode & 0o777).toBe(0o600);
    expect(statSync(join(dir, "gatehouse.db")).isFile()).toBe(true);
  });

  it("serves the README's curl request with the printed key", async () => {
    const res = await chat(server.url, firstKey, readmeCurlBody());
    expect(res.status).toBe(200);
    const body = (await res.json()) as { choices: Array<{ message: { content: string } }> };
    expect(body.choices[0]!.message.content).toContain("Hello from fake-openai");
    expect(fake.requests.at(-1)!.headers.authorization).toBe("Bearer sk-from-env");
  });

  it("answers /healthz and /readyz and logs one JSON line per request without secrets", async () => {
    expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
    expect(await (await fetch(`${server.url}/readyz`)).json()).toEqual({ status: "ready" });
    await new Promise((r) => setTimeout(r, 300));
    const lines = server
      .output()
      .split("\n")
      .filter((l) => l.startsWith("{"));
    const requests = lines.map((l) => JSON.parse(l)).filter((l) => l.msg === "request");
    expect(requests.some((l) => l.url === "/readyz" && l.status === 200)).toBe(true);
    expect(
      requests.some((l) => l.url === "/v1/chat/completions" && l.status === 200 && l.provider === "openai"),
    ).toBe(true);
    expect(server.output()).not.toContain("sk-from-env");
    expect(lines.join("\n")).not.toContain(firstKey);
  });

  it("manages keys, providers and models from the CLI while the server runs", async () => {
    const env = { GATEHOUSE_DATA_DIR: dir };
    const created = await runCli(["keys", "create", "--name", "ci", "--json"], env);
    expect(created.code).toBe(0);
    const { id, key } = JSON.parse(created.stdout) as { id: string; key: string };
    const list = await runCli(["keys", "list"], env);
    expect(list.stdout).toContain(id);
    expect(list.stdout).not.toContain(key);

    const added = await runCli(
      ["providers", "add", "slow", "--base-url", slow.url, "--api-key", "sk-slow", "--models", "slow-model"],
      env,
    );
    expect(added.code, added.stderr).toBe(0);
    expect((await runCli(["providers", "list"], env)).stdout).toMatch(/slow\s+openai/);
    expect((await runCli(["models", "list"], env)).stdout).toContain("slow:slow-model");
    await new Promise((r) => setTimeout(r, 1_500));
    expect(
      (
        await chat(
          server.url,
          key,
          JSON.stringify({ model: "slow-model", messages: [{ role: "user", content: "x" }] }),
        )
      ).status,
    ).toBe(200);

    expect((await runCli(["keys", "revoke", id], env)).code).toBe(0);
    await new Promise((r) => setTimeout(r, 1_500));
    expect((await chat(server.url, key, readmeCurlBody())).status).toBe(401);
  });

  it("finishes an in-flight stream on SIGTERM, records it, and exits 0", async () => {
    const res = await chat(
      server.url,
      firstKey,
      JSON.stringify({ model: "slow-model", stream: true, messages: [{ role: "user", content: "x" }] }),
    );
    const reader = res.body!.getReader();
    await reader.read();
    server.child.kill("SIGTERM");
    let text = "";
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      text += new TextDecoder().decode(value);
    }
    expect(text).toContain("[DONE]");
    expect(await server.exited).toBe(0);
    const store = createStore({ sqlitePath: join(dir, "gatehouse.db") });
    const tenantId = (await store.tenants.list())[0]!.id;
    const records = await store.usage.list({ tenantId });
    await store.close();
    expect(records.length).toBeGreaterThanOrEqual(3);
    expect(records.filter((r) => r.status === "pending")).toEqual([]);
  });

  it("does not print the key again on a later start", async () => {
    const again = await startCli(["--port", "0", "--data-dir", dir], {});
    again.child.kill("SIGTERM");
    expect(await again.exited).toBe(0);
    expect(again.output()).not.toContain("API key:");
  });
});

describe("gatehouse start refuses bad setups with one clear line", () => {
  it("port in use", async () => {
    const blocker = createServer();
    await new Promise<void>((r) => blocker.listen(0, "127.0.0.1", r));
    const port = (blocker.address() as { port: number }).port;
    const r = await runCli(
      ["start", "--host", "127.0.0.1", "--port", String(port), "--data-dir", join(dir, "p")],
      {},
    );
    blocker.close();
    expect(r.code).not.toBe(0);
    expect(r.stderr.trim()).toBe(`gatehouse: port ${port} is already in use (set PORT or --port)`);
  });

  it("unwritable data directory", async () => {
    const file = join(dir, "a-file");
    writeFileSync(file, "x");
    const r = await runCli(["start", "--data-dir", join(file, "sub")], {});
    expect(r.code).not.toBe(0);
    expect(r.stderr.trim().split("\n")).toHaveLength(1);
    expect(r.stderr).toContain("is not writable");
  });

  it("malformed environment", async () => {
    const r = await runCli(["start", "--data-dir", join(dir, "m")], {
      PORT: "eighty",
      DATABASE_URL: "mysql://x",
    });
    expect(r.code).not.toBe(0);
    expect(r.stderr.trim().split("\n")).toHaveLength(1);
    expect(r.stderr).toContain("PORT must be an integer");
  });
});

describe("gatehouse --help", () => {
  it.each([[[]], [["start"]], [["keys"]], [["providers"]], [["models"]]])(
    "%j --help exits 0 with usage",
    async (args) => {
      const r = await runCli([...args, "--help"], {});
      expect(r.code).toBe(0);
      expect(r.stdout).toMatch(/^Usage: gatehouse/);
    },
  );

  it("unknown commands and options are usage errors", async () => {
    expect((await runCli(["frobnicate"], {})).code).toBe(2);
    const r = await runCli(["keys", "create", "--nope"], {});
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("--help");
  });
});

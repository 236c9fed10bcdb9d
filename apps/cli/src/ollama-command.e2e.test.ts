import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type FakeServer, startFakeOllama } from "@gatehouse/test-support";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type RunningCli, runCli, startCli } from "./testing/cli-process.js";

// `gatehouse ollama` (the built binary) against a running `gatehouse start` and the fake Ollama.
let dataDir: string;
let configDir: string;
let server: RunningCli;
let ollama: FakeServer;
const env = () => ({ GATEHOUSE_CONFIG_DIR: configDir, GATEHOUSE_PROFILE: "", GATEHOUSE_URL: "" });
const gh = (args: string[], input?: string) => runCli(args, env(), input);

beforeAll(async () => {
  ollama = await startFakeOllama();
  dataDir = mkdtempSync(join(tmpdir(), "gatehouse-ollama-data-"));
  configDir = join(mkdtempSync(join(tmpdir(), "gatehouse-ollama-config-")), "gatehouse");
  server = await startCli(["--port", "0", "--data-dir", dataDir], {
    GATEHOUSE_ALLOWED_PRIVATE_UPSTREAMS: new URL(ollama.url).host,
  });
  const password = /Password:\s+(\S+)/.exec(server.output())![1]!;
  const login = await gh(
    ["login", "--url", server.url, "--email", "admin@localhost", "--password-stdin"],
    `${password}\n`,
  );
  expect(login.code).toBe(0);
  // The Ollama provider, registered as a tenant would (the fake's address allowed by the operator).
  const profile = Object.values(
    JSON.parse(readFileSync(join(configDir, "profiles.json"), "utf8")).profiles,
  )[0] as {
    tenantId: string;
  };
  const signIn = await fetch(`${server.url}/api/auth/login`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ email: "admin@localhost", password }),
  });
  const token = ((await signIn.json()) as { accessToken: string }).accessToken;
  const created = await fetch(`${server.url}/api/tenants/${profile.tenantId}/providers`, {
    method: "POST",
    headers: { "content-type": "application/json", authorization: `Bearer ${token}` },
    body: JSON.stringify({ name: "local", kind: "ollama", baseUrl: ollama.url }),
  });
  expect(created.status).toBe(201);
}, 60_000);
afterAll(async () => {
  server.child.kill("SIGKILL");
  await server.exited;
  await ollama.close();
  rmSync(dataDir, { recursive: true, force: true });
  rmSync(join(configDir, ".."), { recursive: true, force: true });
});

describe("gatehouse ollama", () => {
  it("lists, pulls with progress, registers and deletes an Ollama provider's models", async () => {
    const list = await gh(["ollama", "list", "--provider", "local"]);
    expect(list.stderr).toBe("");
    expect(list.stdout).toMatch(/llama3\.2:latest\s+2\.0 GB\s+llama\s+3\.2B\s+Q4_K_M/);

    const pull = await gh(["ollama", "pull", "mistral", "--provider", "local"]);
    expect(pull.code).toBe(0);
    const lines = pull.stdout.trim().split("\n");
    expect(lines[0]).toBe("pulling manifest");
    expect(lines).toContain("pulling a80c4f17acd5 [..............................]   0% 0 B/2.0 GB");
    expect(lines).toContain("pulling a80c4f17acd5 [###############...............]  50% 1.0 GB/2.0 GB");
    expect(lines.at(-1)).toBe("Pulled mistral.");
    expect((await gh(["ollama", "list", "--provider", "local"])).stdout).toContain("mistral:latest");

    const refused = await gh(["ollama", "pull", "missing-model", "--provider", "local"]);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain("file does not exist");

    const reg = await gh(["ollama", "register", "mistral", "--provider", "local", "--name", "local-mistral"]);
    expect(reg.stderr).toBe("");
    expect(reg.stdout).toMatch(/^Model local-mistral \(\S+\) routes to mistral\./);

    const del = await gh(["ollama", "delete", "mistral:latest", "--provider", "local"]);
    expect([del.code, del.stdout]).toEqual([0, "Deleted mistral:latest.\n"]);
    const nope = await gh(["ollama", "list", "--provider", "nope"]);
    expect(nope.code).not.toBe(0);
    expect(nope.stderr).toContain('no provider "nope"');
  });
});

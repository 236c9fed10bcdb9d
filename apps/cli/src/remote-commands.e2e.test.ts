import { mkdtempSync, readFileSync, rmSync, statSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type RunningCli, runCli, startCli } from "./testing/cli-process.js";

// The built `gatehouse` binary against a running `gatehouse start`: login, whoami, remote commands, logout.
let dataDir: string;
let configDir: string;
let server: RunningCli;
let password: string;
const env = () => ({ GATEHOUSE_CONFIG_DIR: configDir, GATEHOUSE_PROFILE: "", GATEHOUSE_URL: "" });
const gh = (args: string[], input?: string) => runCli(args, env(), input);
const profiles = () => JSON.parse(readFileSync(join(configDir, "profiles.json"), "utf8"));

/** A port nothing listens on (one the system just handed out and took back). */
function closedPort(): Promise<number> {
  return new Promise((resolve) => {
    const probe = createServer().listen(0, "127.0.0.1", () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });
}

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), "gatehouse-remote-data-"));
  configDir = join(mkdtempSync(join(tmpdir(), "gatehouse-remote-config-")), "gatehouse");
  server = await startCli(["--port", "0", "--data-dir", dataDir], {});
  password = /Password:\s+(\S+)/.exec(server.output())![1]!;
});
afterAll(async () => {
  server.child.kill("SIGKILL");
  await server.exited;
  rmSync(dataDir, { recursive: true, force: true });
  rmSync(join(configDir, ".."), { recursive: true, force: true });
});

describe("remote commands (the real binary against a running server)", () => {
  it("refuses to run without a login, and login refuses a wrong password", async () => {
    const before = await gh(["whoami"]);
    expect(before.code).toBe(1);
    expect(before.stderr).toContain("not logged in");
    const wrong = await gh(
      ["login", "--url", server.url, "--email", "admin@localhost", "--password-stdin"],
      "nope\n",
    );
    expect(wrong.code).toBe(1);
    expect(wrong.stderr).toMatch(/invalid_credentials, HTTP 401/);
    const closed = `http://127.0.0.1:${await closedPort()}`;
    const down = await gh(["login", "--url", closed, "--email", "a@b.c", "--password-stdin"], "x");
    expect([down.code, down.stderr]).toEqual([1, `gatehouse: could not reach ${closed} (ECONNREFUSED)\n`]);
    const noStdin = await gh(["login", "--url", server.url, "--email", "admin@localhost"]);
    expect([noStdin.code, noStdin.stderr]).toEqual([2, expect.stringContaining("--password-stdin")]);
  });

  it("logs in with --password-stdin, saving a 0600 profile; whoami answers from the server", async () => {
    const login = await gh(
      ["login", "--url", server.url, "--email", "admin@localhost", "--password-stdin", "--profile", "local"],
      `${password}\n`,
    );
    expect(login.stderr).toBe("");
    expect(login.code).toBe(0);
    expect(login.stdout).toContain(`Logged in to ${server.url} as admin@localhost (profile local`);
    const file = join(configDir, "profiles.json");
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(profiles().current).toBe("local");
    expect(profiles().profiles.local.refreshToken).toMatch(/^ghr_/);
    expect(readFileSync(file, "utf8")).not.toContain(password);

    const who = await gh(["whoami"]);
    expect(who.code).toBe(0);
    expect(who.stdout).toContain("<admin@localhost>");
    expect(who.stdout).toMatch(/owner\s+\*/);
    const json = JSON.parse((await gh(["whoami", "--json"])).stdout);
    expect(json.user.email).toBe("admin@localhost");
    const list = await gh(["profiles", "list"]);
    expect(list.stdout).toMatch(/\*\s+local\s+http:\/\/127\.0\.0\.1:\d+\s+admin@localhost/);
  });

  it("sets, lists, changes and deletes rate limits", async () => {
    const ws = JSON.parse((await gh(["workspaces", "create", "--name", "Limited", "--json"])).stdout);
    const set = await gh([
      "limits",
      "set",
      "--scope",
      "workspace",
      "--id",
      ws.id,
      "--model",
      "gpt-4o*",
      "--rpm",
      "60",
    ]);
    expect(set.stderr).toBe("");
    expect(set.stdout).toMatch(/^Limit rl_\w+: workspace ws_\w+, gpt-4o\*: 60 rpm\.\n$/);
    const again = JSON.parse(
      (
        await gh([
          "limits",
          "set",
          "--scope",
          "workspace",
          "--id",
          ws.id,
          "--model",
          "gpt-4o*",
          "--tpm",
          "9000",
          "--json",
        ])
      ).stdout,
    );
    expect(again).toMatchObject({ rpm: 60, tpm: 9000, model: "gpt-4o*", scopeId: ws.id });
    const tenantWide = await gh(["limits", "set", "--scope", "tenant", "--concurrency", "20"]);
    expect(tenantWide.code).toBe(0);
    const listed = await gh(["limits", "list", "--scope", "workspace"]);
    expect(listed.stdout.split("\n")[0]).toMatch(
      /^ID\s+SCOPE\s+SCOPE ID\s+MODEL\s+RPM\s+TPM\s+CONCURRENCY\s+UPDATED$/,
    );
    expect(listed.stdout).toContain(again.id);
    expect(listed.stdout).toMatch(/gpt-4o\*\s+0\/60\s+0\/9000\s+-\s/);
    expect(listed.stdout).not.toContain("tenant");
    const bad = await gh(["limits", "set", "--scope", "planet", "--rpm", "1"]);
    expect([bad.code, bad.stderr]).toEqual([2, expect.stringContaining("--scope must be")]);
    expect((await gh(["limits", "delete", again.id])).stdout).toBe(`Deleted ${again.id}.\n`);
    expect((await gh(["limits", "list", "--json", "--scope", "workspace"])).stdout).not.toContain(again.id);
  });

  it("creates a workspace and a key (its secret shown once), lists and revokes it, and finds it in the audit log", async () => {
    const ws = JSON.parse((await gh(["workspaces", "create", "--name", "Research", "--json"])).stdout);
    expect(ws).toMatchObject({ name: "Research", id: expect.stringMatching(/^ws_/) });
    const wsList = await gh(["workspaces", "list"]);
    expect(wsList.stdout.split("\n")[0]).toMatch(/^ID\s+NAME\s+ALLOWED MODELS\s+CREATED$/);
    expect(wsList.stdout).toContain(ws.id);

    const created = await gh(["api-keys", "create", "--workspace", ws.id, "--name", "ci"]);
    expect(created.code).toBe(0);
    const secret = /^(gh_\w+)$/m.exec(created.stdout)![1]!;
    expect(created.stdout).toContain("it is not shown again");
    const keyId = /Created key (key_\w+)/.exec(created.stdout)![1]!;
    const listed = await gh(["api-keys", "list", "--workspace", ws.id]);
    expect(listed.stdout).toContain(keyId);
    expect(listed.stdout).not.toContain(secret);
    expect(listed.stdout).toMatch(/active$/m);
    // The key works on the data plane until it is revoked.
    const models = await fetch(`${server.url}/v1/models`, { headers: { authorization: `Bearer ${secret}` } });
    expect(models.status).toBe(200);
    const revoked = await gh(["api-keys", "revoke", keyId]);
    expect(revoked.stdout).toBe(`Revoked ${keyId} (ci).\n`);

    const members = await gh(["members", "list"]);
    expect(members.stdout).toMatch(/admin@localhost\s+\S.*owner/);
    const tenants = JSON.parse((await gh(["tenants", "list", "--json"])).stdout);
    expect(tenants).toHaveLength(1);
    const audit = await gh(["audit", "list", "--action", "keys.revoke"]);
    expect(audit.stdout).toContain(`api_key:${keyId}`);
    const bad = await gh(["api-keys", "revoke", "key_00000000000000000000"]);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain("(not_found, HTTP 404)");
  });

  it("lists the shipped price catalog, sets and removes a book price, and changes the pricing settings", async () => {
    const catalog = await gh(["prices", "list", "--provider", "anthropic", "--model", "sonnet-4-5"]);
    expect(catalog.code).toBe(0);
    expect(catalog.stdout).toMatch(
      /anthropic\/claude-sonnet-4-5@2025-09-29\s+3\.00\s+15\.00\s+cache-read 0\.30/,
    );
    const set = await gh([
      "prices",
      "set",
      "team/sonnet",
      "--input",
      "2.50",
      "--output",
      "10",
      "--cache-read",
      "0.25",
    ]);
    expect(set.stdout).toBe(
      "Priced team/sonnet: input $2.50, output $10.00, cache-read 0.25 per million tokens.\n",
    );
    const book = JSON.parse((await gh(["prices", "list", "--book", "--json"])).stdout);
    expect(book).toMatchObject([
      { model: "team/sonnet", prices: { input: 2_500_000_000, cacheRead: 250_000_000 } },
    ]);
    expect((await gh(["prices", "settings", "--markup", "12.5", "--unpriced", "refuse"])).stdout).toBe(
      "Markup: 12.5 %\nUnpriced models: refuse\n",
    );
    expect((await gh(["prices", "unset", "team/sonnet"])).code).toBe(0);
    expect(JSON.parse((await gh(["prices", "list", "--book", "--json"])).stdout)).toEqual([]);
    const bad = await gh(["prices", "set", "x", "--input", "2,50", "--output", "1"]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain("--input");
  });

  it("sets, changes, lists and deletes budgets", async () => {
    const set = await gh(["budgets", "set", "--scope", "tenant", "--period", "monthly", "--usd", "25.50"]);
    expect(set.stderr).toBe("");
    const id = /^Budget (bdg_\w+): \$25\.50 monthly for the tenant\.$/m.exec(set.stdout)![1]!;
    const quota = await gh([
      "budgets",
      "set",
      "--scope",
      "tenant",
      "--period",
      "daily",
      "--tokens",
      "100000",
      "--json",
    ]);
    expect(JSON.parse(quota.stdout)).toMatchObject({ metric: "tokens", period: "daily", limit: 100000 });
    const changed = await gh(["budgets", "set", "--id", id, "--usd", "30"]);
    expect(changed.stdout).toContain("$30.00 monthly");
    const list = await gh(["budgets", "list"]);
    expect(list.stdout.split("\n")[0]).toMatch(/^ID\s+SCOPE\s+PERIOD\s+LIMIT\s+USED\s+RESERVED\s+SET BY$/);
    expect(list.stdout).toMatch(
      new RegExp(`${id}\\s+tenant\\s+monthly\\s+\\$30\\.00\\s+\\$0\\.00\\s+\\$0\\.00\\s+admin`),
    );
    expect(list.stdout).toContain("100000 tokens");
    const bad = await gh(["budgets", "set", "--scope", "tenant", "--period", "hourly", "--usd", "1"]);
    expect(bad.code).toBe(2);
    expect((await gh(["budgets", "delete", id])).stdout).toBe(`Deleted budget ${id}.\n`);
    expect((await gh(["budgets", "list"])).stdout).not.toContain(id);
  });

  it("reads usage: a summary, the request log and its CSV export", async () => {
    const summary = await gh(["usage", "summary", "--since", "7d", "--by", "model"]);
    expect(summary.code).toBe(0);
    expect(summary.stdout).toMatch(/^requests 0 {2}errors 0 {2}cost 0\.00 USD/);
    const json = JSON.parse((await gh(["usage", "summary", "--json"])).stdout);
    expect(json.summary).toMatchObject({ requests: 0, latencyP95: null });
    const logs = await gh(["usage", "logs", "--status", "error", "--json"]);
    expect([logs.code, JSON.parse(logs.stdout)]).toEqual([0, []]);
    const csv = await gh(["usage", "export", "--since", "1h"]);
    expect(csv.stdout).toMatch(/^started_at,request_id,status,/);
    const bad = await gh(["usage", "summary", "--by", "colour"]);
    expect(bad.code).not.toBe(0);
    expect(bad.stderr).toContain("--by must be one of");
  });

  it("keeps working after the saved access token is unusable, by refreshing and saving the rotated tokens", async () => {
    const before = profiles().profiles.local;
    const file = join(configDir, "profiles.json");
    const broken = { ...profiles() };
    // A syntactically valid but wrongly signed JWT: the server answers 401, the CLI refreshes.
    broken.profiles.local.accessToken = `${before.accessToken.split(".").slice(0, 2).join(".")}.AAAA`;
    const { writeFileSync } = await import("node:fs");
    writeFileSync(file, JSON.stringify(broken));
    const who = await gh(["whoami"]);
    expect(who.code).toBe(0);
    const after = profiles().profiles.local;
    expect(after.refreshToken).not.toBe(before.refreshToken);
    expect(after.accessToken).not.toBe(broken.profiles.local.accessToken);
  });

  it("logs out: the session ends on the server and the tokens leave the file", async () => {
    const refreshToken = profiles().profiles.local.refreshToken;
    const out = await gh(["logout"]);
    expect([out.code, out.stdout]).toEqual([0, "Logged out (profile local).\n"]);
    expect(profiles().profiles.local).not.toHaveProperty("refreshToken");
    expect(profiles().profiles.local.url).toBe(server.url);
    const reuse = await fetch(`${server.url}/api/auth/refresh`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ refreshToken }),
    });
    expect(reuse.status).toBeGreaterThanOrEqual(400);
    expect((await gh(["whoami"])).stderr).toContain("not logged in");
  });

  it("leaves the offline commands on the data directory as they were", async () => {
    const keys = await runCli(["keys", "list", "--json", "--data-dir", dataDir], {});
    expect(keys.code).toBe(0);
    expect(Array.isArray(JSON.parse(keys.stdout))).toBe(true);
    const help = await gh(["--help"]);
    expect(help.stdout).toContain("api-keys");
    expect(help.stdout).toContain("keys        create, list and revoke API keys of the default tenant");
  });
});

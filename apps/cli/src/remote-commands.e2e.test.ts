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

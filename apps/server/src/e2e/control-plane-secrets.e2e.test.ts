import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type SmtpSink, startSmtpSink } from "@gatehouse/test-support";
import Database from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { apiClient, tokenInEmail } from "../control-plane/e2e/control-plane-api.js";
import { createSmtpMailer } from "../email/smtp-mailer.js";
import { createPasswordHasher } from "../identity/session/password-hasher.js";
import { createStore } from "../store/create-store.js";
import { startTestGateway, type TestGateway } from "../testing/start-test-gateway.js";

// Canaries: every secret the control plane handles, each recognisable wherever it might leak.
const PASSWORD = "canary-password-1-5b8e0c";
const NEW_PASSWORD = "canary-password-2-93d1aa";
const RESET_PASSWORD = "canary-password-3-4c7f12";
const INVITEE_PASSWORD = "canary-password-4-e02b77";
const hasher = createPasswordHasher({ memoryCost: 1024, timeCost: 1 });
let dir: string;
let smtp: SmtpSink;
let gw: TestGateway;
let call: ReturnType<typeof apiClient>;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "gatehouse-cp-secrets-"));
  smtp = await startSmtpSink();
  gw = await startTestGateway({
    store: createStore({ sqlitePath: join(dir, "gatehouse.db") }),
    passwordHasher: hasher,
    mailer: createSmtpMailer({ url: smtp.url, from: "Gatehouse <gh@test.local>" }),
    identity: { signUpEnabled: true, publicUrl: "https://gatehouse.test" },
  });
  call = apiClient(gw.url);
});
afterAll(async () => {
  await gw.close();
  await smtp.close();
  rmSync(dir, { recursive: true, force: true });
});

/** Every control-plane flow that handles a secret, once; answers the secrets it saw. */
async function exerciseEveryFlow(): Promise<string[]> {
  const seen: string[] = [PASSWORD, NEW_PASSWORD, RESET_PASSWORD, INVITEE_PASSWORD];
  const signUp = await call("POST", "/api/auth/signup", {
    body: { email: "ada@canary.test", password: PASSWORD, name: "Ada" },
  });
  expect(signUp.status).toBe(201);
  const login = await call("POST", "/api/auth/login", {
    body: { email: "ada@canary.test", password: PASSWORD },
  });
  const { accessToken, refreshToken } = login.json;
  seen.push(accessToken, refreshToken);
  const refreshed = await call("POST", "/api/auth/refresh", { body: { refreshToken } });
  seen.push(refreshed.json.accessToken, refreshed.json.refreshToken);
  const token = refreshed.json.accessToken as string;
  const changed = await call("POST", "/api/auth/password", {
    token,
    body: { currentPassword: PASSWORD, newPassword: NEW_PASSWORD },
  });
  expect(changed.status).toBeLessThan(300);
  const session = (
    await call("POST", "/api/auth/login", { body: { email: "ada@canary.test", password: NEW_PASSWORD } })
  ).json.accessToken as string;
  seen.push(session);

  await call("POST", "/api/auth/password-reset", { body: { email: "ada@canary.test" } });
  const resetToken = tokenInEmail((await smtp.waitForMessage((m) => m.subject.startsWith("Reset"))).text);
  seen.push(resetToken);
  const reset = await call("POST", "/api/auth/password-reset/confirm", {
    body: { token: resetToken, newPassword: RESET_PASSWORD },
  });
  expect(reset.status).toBeLessThan(300);
  const owner = (
    await call("POST", "/api/auth/login", { body: { email: "ada@canary.test", password: RESET_PASSWORD } })
  ).json.accessToken as string;
  seen.push(owner);

  const tenantId = (await call("GET", "/api/auth/me", { token: owner })).json.memberships[0].tenantId;
  const workspaces = await call("GET", `/api/tenants/${tenantId}/workspaces`, { token: owner });
  const ws = workspaces.json.items[0].id as string;
  const key = await call("POST", `/api/tenants/${tenantId}/workspaces/${ws}/keys`, {
    token: owner,
    body: { name: "ci" },
  });
  seen.push(key.json.secret);
  const rotated = await call("POST", `/api/tenants/${tenantId}/keys/${key.json.key.id}/rotate`, {
    token: owner,
    body: {},
  });
  seen.push(rotated.json.secret);

  await call("POST", `/api/tenants/${tenantId}/invitations`, {
    token: owner,
    body: { email: "bob@canary.test", role: "member" },
  });
  const inviteToken = tokenInEmail(
    (await smtp.waitForMessage((m) => m.subject.includes("invited you"))).text,
  );
  seen.push(inviteToken);
  const accepted = await call("POST", "/api/invitations/accept", {
    body: { token: inviteToken, password: INVITEE_PASSWORD, name: "Bob" },
  });
  expect(accepted.status).toBeLessThan(300);
  return seen;
}

function databaseDump(): string {
  const db = new Database(join(dir, "gatehouse.db"), { readonly: true });
  const tables = db.prepare("select name from sqlite_master where type = 'table'").all() as {
    name: string;
  }[];
  let dump = "";
  for (const { name } of tables) dump += JSON.stringify(db.prepare(`select * from "${name}"`).all());
  db.close();
  return dump;
}

describe("control-plane secrets never leave", () => {
  it("passwords, tokens and key secrets appear in no log line, no stored row and no audit answer", async () => {
    const secrets = await exerciseEveryFlow();
    expect(secrets.every((s) => typeof s === "string" && s.length >= 20)).toBe(true);
    const owner = (
      await call("POST", "/api/auth/login", { body: { email: "ada@canary.test", password: RESET_PASSWORD } })
    ).json.accessToken as string;
    const tenantId = (await call("GET", "/api/auth/me", { token: owner })).json.memberships[0].tenantId;
    const audit = await call("GET", `/api/tenants/${tenantId}/audit?limit=100`, { token: owner });
    const csv = await call("GET", `/api/tenants/${tenantId}/audit/export`, { token: owner });
    expect(audit.json.items.length).toBeGreaterThan(2);
    const logs = gw.logs.join("\n");
    const dump = databaseDump();
    expect(dump).toContain("$argon2id$");
    for (const secret of secrets) {
      for (const [where, text] of [
        ["logs", logs],
        ["database", dump],
        ["audit", audit.text],
        ["audit CSV", csv.text],
      ] as const) {
        expect(text.includes(secret), `${where} holds ${secret.slice(0, 12)}…`).toBe(false);
      }
    }
  });
});

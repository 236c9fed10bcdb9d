import { type SmtpSink, startSmtpSink } from "@gatehouse/test-support";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createSmtpMailer } from "../../email/smtp-mailer.js";
import { createPasswordHasher } from "../../identity/session/password-hasher.js";
import { startTestGateway, type TestGateway } from "../../testing/start-test-gateway.js";
import { apiClient } from "./control-plane-api.js";

// Cheap argon2id parameters: the flows are under test here, not the hash's cost.
const hasher = createPasswordHasher({ memoryCost: 1024, timeCost: 1 });
const PASSWORD = "correct horse battery staple";
let gw: TestGateway;
let smtp: SmtpSink;
let call: ReturnType<typeof apiClient>;

beforeAll(async () => {
  smtp = await startSmtpSink();
  gw = await startTestGateway({
    providers: [{ name: "alpha", baseUrl: "http://127.0.0.1:9/v1", apiKey: "sk-a", models: ["m1"] }],
    passwordHasher: hasher,
    mailer: createSmtpMailer({ url: smtp.url, from: "Gatehouse <gh@test.local>" }),
    identity: { signUpEnabled: false, publicUrl: "https://gatehouse.test" },
  });
  call = apiClient(gw.url);
  for (const [email, role] of [
    ["ada@acme.test", "owner"],
    ["max@acme.test", "member"],
  ] as const) {
    await gw.store.users.create({
      tenantId: gw.tenant.id,
      email,
      name: email.split("@")[0]!,
      role,
      passwordHash: await hasher.hash(PASSWORD),
    });
  }
});
afterAll(async () => {
  await gw.close();
  await smtp.close();
});

async function logIn(email: string, userAgent: string) {
  const res = await call("POST", "/api/auth/login", {
    body: { email, password: PASSWORD },
    headers: { "user-agent": userAgent },
  });
  expect(res.status).toBe(200);
  return res.json as { accessToken: string; refreshToken: string };
}

describe("the signed-in person's own account", () => {
  it("changes one's own name, validated", async () => {
    const { accessToken } = await logIn("ada@acme.test", "test");
    const renamed = await call("PATCH", "/api/auth/me", {
      token: accessToken,
      body: { name: "Ada Lovelace" },
    });
    expect([renamed.status, renamed.json.name]).toEqual([200, "Ada Lovelace"]);
    expect((await call("GET", "/api/auth/me", { token: accessToken })).json.user.name).toBe("Ada Lovelace");
    const empty = await call("PATCH", "/api/auth/me", { token: accessToken, body: { name: " " } });
    expect(empty.status).toBe(400);
    expect((await call("PATCH", "/api/auth/me", { body: { name: "x" } })).status).toBe(401);
  });

  it("lists my live sessions with their device, pages them, and ends one: its tokens stop at once", async () => {
    const laptop = await logIn("max@acme.test", "Laptop/1.0");
    const phone = await logIn("max@acme.test", "Phone/2.0");
    await logIn("ada@acme.test", "Other person");
    // A refresh keeps the session (same id, same sign-in time) and moves its last use.
    const refreshed = await call("POST", "/api/auth/refresh", { body: { refreshToken: phone.refreshToken } });
    expect(refreshed.status).toBe(200);

    const list = await call("GET", "/api/auth/sessions", { token: laptop.accessToken });
    expect(list.status).toBe(200);
    expect(list.json.items.map((s: { userAgent: string }) => s.userAgent)).toEqual([
      "Phone/2.0",
      "Laptop/1.0",
    ]);
    expect(list.json.items.map((s: { current: boolean }) => s.current)).toEqual([false, true]);
    expect(list.json.items[0].ip).toBeTruthy();
    expect(list.json.items[0].lastUsedAt).toBeGreaterThanOrEqual(list.json.items[0].createdAt);
    expect(JSON.stringify(list.json)).not.toMatch(/ghr_|refreshToken|tokenHash/);

    const first = await call("GET", "/api/auth/sessions?limit=1", { token: laptop.accessToken });
    expect(first.json.items).toHaveLength(1);
    const second = await call("GET", `/api/auth/sessions?limit=1&cursor=${first.json.nextCursor}`, {
      token: laptop.accessToken,
    });
    expect(second.json.items[0].userAgent).toBe("Laptop/1.0");
    expect(second.json.nextCursor).toBeNull();

    const phoneId: string = list.json.items[0].id;
    const revoked = await call("POST", "/api/auth/sessions/revoke", {
      token: laptop.accessToken,
      body: { sessionId: phoneId },
    });
    expect(revoked.status).toBe(204);
    // The phone's access token is refused on its next request, and its refresh token is dead.
    expect((await call("GET", "/api/auth/me", { token: refreshed.json.accessToken })).status).toBe(401);
    const again = await call("POST", "/api/auth/refresh", {
      body: { refreshToken: refreshed.json.refreshToken },
    });
    expect(again.status).toBe(401);
    expect((await call("GET", "/api/auth/me", { token: laptop.accessToken })).status).toBe(200);
    const after = await call("GET", "/api/auth/sessions", { token: laptop.accessToken });
    expect(after.json.items.map((s: { userAgent: string }) => s.userAgent)).toEqual(["Laptop/1.0"]);
  });

  it("leaves another person's session alone (204 as for a made-up id: nothing is revealed)", async () => {
    const max = await logIn("max@acme.test", "Max");
    const ada = await logIn("ada@acme.test", "Ada");
    const adas = await call("GET", "/api/auth/sessions", { token: ada.accessToken });
    const adaSession: string = adas.json.items[0].id;
    for (const sessionId of [adaSession, "ses_nope"]) {
      const res = await call("POST", "/api/auth/sessions/revoke", {
        token: max.accessToken,
        body: { sessionId },
      });
      expect(res.status).toBe(204);
    }
    expect((await call("GET", "/api/auth/me", { token: ada.accessToken })).status).toBe(200);
    expect(
      (await call("POST", "/api/auth/sessions/revoke", { body: { sessionId: adaSession } })).status,
    ).toBe(401);
  });
});

describe("the installation's email settings", () => {
  it("shows the operator the SMTP server without its password and sends a test email; others get 403", async () => {
    const ada = await logIn("ada@acme.test", "Ada");
    const got = await call("GET", "/api/smtp", { token: ada.accessToken });
    expect(got.status).toBe(200);
    expect(got.json).toMatchObject({
      configured: true,
      source: "env",
      host: "127.0.0.1",
      from: "Gatehouse <gh@test.local>",
    });
    const sent = await call("POST", "/api/smtp/test", {
      token: ada.accessToken,
      body: { to: "ops@acme.test" },
    });
    expect(sent.status).toBe(204);
    const mail = await smtp.waitForMessage((m) => m.to.includes("ops@acme.test"));
    expect(mail.subject).toBe("Gatehouse test email");

    const max = await logIn("max@acme.test", "Max");
    expect((await call("GET", "/api/smtp", { token: max.accessToken })).status).toBe(403);
    const bad = await call("POST", "/api/smtp/test", {
      token: ada.accessToken,
      body: { to: "not-an-email" },
    });
    expect(bad.status).toBe(400);
  });

  it("lets the operator set an SMTP server that overrides the environment's at once, password sealed, and remove it", async () => {
    const ada = await logIn("ada@acme.test", "Ada");
    const other = await startSmtpSink({ requireAuth: { user: "mailer", pass: "s3cret-pass" } });
    try {
      const { port } = new URL(other.url);
      const put = await call("PUT", "/api/smtp", {
        token: ada.accessToken,
        body: {
          host: "127.0.0.1",
          port: Number(port),
          secure: false,
          username: "mailer",
          password: "s3cret-pass",
          from: "Ops <ops@acme.test>",
        },
      });
      expect(put.status).toBe(200);
      expect(put.json).toMatchObject({
        source: "settings",
        username: "mailer",
        hasPassword: true,
        from: "Ops <ops@acme.test>",
      });
      expect(put.text).not.toContain("s3cret-pass");
      const row = await gw.store.smtpSettings.get();
      expect(JSON.stringify(row)).not.toContain("s3cret-pass");
      const log = await call("GET", `/api/tenants/${gw.tenant.id}/audit?action=smtp.put`, {
        token: ada.accessToken,
      });
      expect(log.json.items[0]).toMatchObject({
        action: "smtp.put",
        after: { source: "settings", hasPassword: true },
      });
      expect(log.text).not.toContain("s3cret-pass");
      const byKind = await call("GET", `/api/tenants/${gw.tenant.id}/audit?targetKind=smtp`, {
        token: ada.accessToken,
      });
      expect(byKind.json.items.map((e: { target: { kind: string } }) => e.target.kind)).toEqual(["smtp"]);
      const none = await call("GET", `/api/tenants/${gw.tenant.id}/audit?targetKind=nothing`, {
        token: ada.accessToken,
      });
      expect(none.json.items).toEqual([]);

      // Invitations, resets and tests go through the new server now.
      expect(
        (await call("POST", "/api/smtp/test", { token: ada.accessToken, body: { to: "a@x.test" } })).status,
      ).toBe(204);
      const mail = await other.waitForMessage((m) => m.to.includes("a@x.test"));
      expect(mail.user).toBe("mailer");
      expect(smtp.messages.some((m) => m.to.includes("a@x.test"))).toBe(false);

      // Saved again without the password: the stored one stays.
      const again = await call("PUT", "/api/smtp", {
        token: ada.accessToken,
        body: {
          host: "127.0.0.1",
          port: Number(port),
          secure: false,
          username: "mailer",
          from: "ops@acme.test",
        },
      });
      expect(again.json.hasPassword).toBe(true);
      expect(
        (await call("POST", "/api/smtp/test", { token: ada.accessToken, body: { to: "b@x.test" } })).status,
      ).toBe(204);
      await other.waitForMessage((m) => m.to.includes("b@x.test"));

      const max = await logIn("max@acme.test", "Max");
      expect((await call("PUT", "/api/smtp", { token: max.accessToken, body: put.json })).status).toBe(403);
      expect((await call("DELETE", "/api/smtp", { token: max.accessToken })).status).toBe(403);

      expect((await call("DELETE", "/api/smtp", { token: ada.accessToken })).status).toBe(204);
      expect((await call("GET", "/api/smtp", { token: ada.accessToken })).json.source).toBe("env");
      expect(
        (await call("POST", "/api/smtp/test", { token: ada.accessToken, body: { to: "c@x.test" } })).status,
      ).toBe(204);
      await smtp.waitForMessage((m) => m.to.includes("c@x.test"));
    } finally {
      await other.close();
    }
  });
});

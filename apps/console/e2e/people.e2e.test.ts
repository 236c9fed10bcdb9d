import { createGatehouseClient, GatehouseApiError, type GatehouseClient } from "@gatehouse/sdk";
import { type FakeServer, type SmtpSink, startFakeOpenAI, startSmtpSink } from "@gatehouse/test-support";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchBrowser, newUserPage, screenshots, signIn } from "./testing/browser.js";
import { type GatehouseProcess, startGatehouse } from "./testing/gatehouse-process.js";

let fake: FakeServer;
let smtp: SmtpSink;
let gh: GatehouseProcess;
let browser: Browser;
let admin: GatehouseClient;
let tenantId: string;

const VIEWER = { email: "vera.viewer@example.com", name: "Vera Viewer", password: "viewer-password-123" };

beforeAll(async () => {
  fake = await startFakeOpenAI();
  smtp = await startSmtpSink();
  gh = await startGatehouse({
    OPENAI_BASE_URL: fake.url,
    OPENAI_API_KEY: "sk-people",
    GATEHOUSE_SMTP_URL: smtp.url,
  });
  browser = await launchBrowser();
  admin = createGatehouseClient({ baseUrl: gh.url });
  await admin.auth.logIn({ body: { email: gh.admin.email, password: gh.admin.password } });
  const me = await admin.auth.me();
  tenantId = me.memberships[0]?.tenantId ?? "";
}, 120_000);
afterAll(async () => {
  await browser?.close();
  await gh?.stop();
  await smtp?.close();
  await fake?.close();
});

/** The token of the newest email to `to` whose text links to `path`. */
async function emailedToken(to: string, path: string): Promise<string> {
  const mail = await smtp.waitForMessage(
    (m) => m.to.includes(to) && m.text.includes(`${path}#token=`),
    20_000,
  );
  const token = new RegExp(`${path}#token=([^\\s"<>]+)`).exec(mail.text)?.[1];
  if (!token) throw new Error(`no ${path} token in: ${mail.text}`);
  return token;
}

async function expectNoButton(page: Page, name: string | RegExp) {
  expect(await page.getByRole("button", { name }).count()).toBe(0);
}

describe("people: keys, team, invitations and password reset in a real browser", () => {
  it("creates a key in the UI, shows its secret once, and the copied secret calls a model", async () => {
    const { context, page } = await newUserPage(browser);
    await context.grantPermissions(["clipboard-read", "clipboard-write"], { origin: gh.url });
    await page.goto(`${gh.url}/sign-in`);
    await page.getByLabel("Email").fill(gh.admin.email);
    await screenshots(page, "sign-in");
    await signIn(page, gh.url, gh.admin.email, gh.admin.password);

    await page.goto(`${gh.url}/t/${tenantId}/keys`);
    await page.getByRole("button", { name: "Create key" }).first().click();
    const dialog = page.getByRole("dialog", { name: "Create API key" });
    await dialog.getByRole("textbox", { name: /^Name/ }).fill("billing-service (prod)");
    await dialog.getByRole("combobox", { name: /^Allowed models/ }).fill("openai/*");
    await dialog.getByRole("combobox", { name: /^Allowed models/ }).press("Enter");
    await dialog.getByRole("textbox", { name: /^Spend cap/ }).fill("25.50");
    await dialog.getByRole("textbox", { name: /^Requests per minute/ }).fill("600");
    await dialog.getByRole("button", { name: "Create key" }).click();

    const secretBox = page.getByTestId("key-secret");
    await secretBox.waitFor();
    const shown = (await secretBox.textContent())?.trim() ?? "";
    expect(shown.length).toBeGreaterThan(20);
    await page.getByRole("button", { name: "Copy key" }).click();
    await page.getByRole("button", { name: "Copied", exact: true }).waitFor();
    const copied = await page.evaluate(() => navigator.clipboard.readText());
    expect(copied).toBe(shown);
    await screenshots(page, "key-created");

    // The copied secret is a working key.
    const res = await fetch(`${gh.url}/v1/chat/completions`, {
      method: "POST",
      headers: { authorization: `Bearer ${copied}`, "content-type": "application/json" },
      body: JSON.stringify({ model: "openai/gpt-4o-mini", messages: [{ role: "user", content: "hi" }] }),
    });
    expect(res.status).toBe(200);

    // What the API stored: the settings typed, and the cap in integer nano-USD.
    const keys = await admin.keys.list({ params: { tenantId }, query: { status: "active" } });
    const created = keys.items.find((k) => k.name === "billing-service (prod)");
    expect(created?.allowedModels).toEqual(["openai/*"]);
    const caps = await admin.budgets.list({
      params: { tenantId },
      query: { scopeKind: "key", scopeId: created?.id ?? "" },
    });
    expect(caps.items.map((b) => b.limit)).toEqual([25_500_000_000]);
    const limits = await admin.rateLimits.list({
      params: { tenantId },
      query: { scopeKind: "key", scopeId: created?.id ?? "" },
    });
    expect(limits.items.map((l) => [l.model, l.rpm, l.tpm])).toEqual([[null, 600, null]]);

    await page.getByRole("button", { name: "I have copied it" }).click();
    await expect.poll(() => page.getByTestId("key-secret").count()).toBe(0);
    const workspaceId = created?.workspaceId ?? "";
    await admin.keys.create({ params: { tenantId, workspaceId }, body: { name: "analytics-notebook" } });
    const doomed = await admin.keys.create({
      params: { tenantId, workspaceId },
      body: { name: "old-ci-runner" },
    });
    await page.reload();
    await page.getByRole("button", { name: "Actions for old-ci-runner" }).click();
    await page.getByRole("menuitem", { name: "Revoke" }).click();
    await page
      .getByRole("dialog", { name: "Revoke this key?" })
      .getByRole("button", { name: "Revoke key" })
      .click();
    await expect
      .poll(async () => (await admin.keys.get({ params: { tenantId, keyId: doomed.key.id } })).status)
      .toBe("revoked");
    await expect.poll(() => page.getByRole("button", { name: "Actions for old-ci-runner" }).count()).toBe(0);
    await screenshots(page, "keys");

    // Filters live in the URL: a shared link opens the same filtered list.
    await page.getByRole("combobox", { name: "Status" }).click();
    await page.getByRole("option", { name: "Revoked" }).click();
    await expect.poll(() => page.url()).toContain("status=revoked");
    await expect.poll(() => page.getByText("analytics-notebook").count()).toBe(0);
    const shared = await newUserPage(browser);
    await signIn(shared.page, gh.url, gh.admin.email, gh.admin.password);
    await shared.page.goto(page.url());
    await shared.page.getByText("old-ci-runner").waitFor();
    expect(await shared.page.getByText("analytics-notebook").count()).toBe(0);
    await shared.context.close();
    await context.close();
  }, 120_000);

  it("invites a viewer by email; they accept in another browser, see no write buttons, and the API refuses their writes", async () => {
    const { context, page } = await newUserPage(browser);
    await signIn(page, gh.url, gh.admin.email, gh.admin.password);
    await page.goto(`${gh.url}/t/${tenantId}/team`);
    await page.getByRole("button", { name: "Invite member" }).click();
    const dialog = page.getByRole("dialog", { name: "Invite a member" });
    await dialog.getByRole("textbox", { name: /^Email/ }).fill(VIEWER.email);
    await dialog.getByRole("combobox", { name: "Tenant role" }).click();
    await page.getByRole("option", { name: "viewer", exact: true }).click();
    await dialog.getByRole("button", { name: "Send invitation" }).click();
    await expect.poll(() => dialog.count()).toBe(0);
    const token = await emailedToken(VIEWER.email, "/accept-invitation");

    const viewer = await newUserPage(browser);
    await viewer.page.goto(`${gh.url}/accept-invitation#token=${token}`);
    await viewer.page.getByRole("textbox", { name: /^Name/ }).fill(VIEWER.name);
    // The one-time token leaves the address bar (and so the history) once read.
    await expect.poll(() => viewer.page.url()).not.toContain(token);
    await viewer.page.getByRole("textbox", { name: /^Password/ }).fill(VIEWER.password);
    await viewer.page.getByRole("button", { name: "Accept invitation" }).click();
    await viewer.page.getByRole("navigation", { name: "Main navigation" }).waitFor();

    // As the viewer: keys and team pages read, with no write button anywhere.
    await viewer.page.goto(`${gh.url}/t/${tenantId}/keys`);
    await viewer.page.getByText("billing-service (prod)").waitFor();
    await expectNoButton(viewer.page, "Create key");
    await expectNoButton(viewer.page, /^Actions for/);
    await viewer.page.goto(`${gh.url}/t/${tenantId}/team`);
    await viewer.page.getByText(gh.admin.email).waitFor();
    await expectNoButton(viewer.page, "Invite member");
    await expectNoButton(viewer.page, /^Remove /);
    expect(await viewer.page.getByRole("combobox", { name: /^Role of/ }).count()).toBe(0);
    await viewer.page.getByRole("tab", { name: "Roles" }).click();
    await viewer.page.getByText("billing", { exact: true }).waitFor();
    await expectNoButton(viewer.page, "New custom role");
    await expectNoButton(viewer.page, /^Edit role/);
    await viewer.context.close();

    // The server refuses the viewer's writes, whatever the page shows.
    const asViewer = createGatehouseClient({ baseUrl: gh.url });
    await asViewer.auth.logIn({ body: { email: VIEWER.email, password: VIEWER.password } });
    const ws = await asViewer.workspaces.list({ params: { tenantId } });
    const refused = await asViewer.keys
      .create({ params: { tenantId, workspaceId: ws.items[0]?.id ?? "" }, body: { name: "nope" } })
      .catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(GatehouseApiError);
    expect((refused as GatehouseApiError).status).toBe(403);

    // The admin sees the viewer as a member, and makes a custom role in the editor.
    await admin.invitations.create({
      params: { tenantId },
      body: { email: "pat.pending@example.com", role: "member" },
    });
    await page.reload();
    await page.getByText(VIEWER.email).waitFor();
    await screenshots(page, "team");
    await page.getByRole("tab", { name: "Roles" }).click();
    await page.getByRole("button", { name: "New custom role" }).click();
    const editor = page.getByRole("dialog", { name: "New custom role" });
    await editor.getByRole("textbox", { name: /^Name/ }).fill("Key auditor");
    for (const p of ["keys:read", "audit:read", "usage:read"])
      await editor.getByRole("checkbox", { name: p }).check();
    await editor.getByRole("button", { name: "Create role" }).click();
    await page.getByRole("button", { name: "Edit role Key auditor" }).waitFor();
    const roles = await admin.roles.list({ params: { tenantId } });
    expect(roles.items.find((r) => r.name === "Key auditor")?.permissions.sort()).toEqual([
      "audit:read",
      "keys:read",
      "usage:read",
    ]);
    await page.getByRole("button", { name: "View role viewer" }).click();
    await page.getByRole("dialog", { name: "Role: viewer" }).waitFor();
    expect(await page.getByRole("checkbox", { name: "keys:read" }).isChecked()).toBe(true);
    expect(await page.getByRole("checkbox", { name: "keys:create" }).isDisabled()).toBe(true);
    await screenshots(page, "roles");
    await context.close();
  }, 120_000);

  it("shows each tenant's keys and members only in that tenant", async () => {
    const second = await admin.tenants.create({ body: { name: "Second Co" } });
    const ws = await admin.workspaces.list({ params: { tenantId: second.id } });
    await admin.keys.create({
      params: { tenantId: second.id, workspaceId: ws.items[0]?.id ?? "" },
      body: { name: "second-co-secret-project" },
    });
    const { context, page } = await newUserPage(browser);
    await signIn(page, gh.url, gh.admin.email, gh.admin.password);
    await page.goto(`${gh.url}/t/${second.id}/keys`);
    await page.getByText("second-co-secret-project").waitFor();
    expect(await page.getByText("billing-service (prod)").count()).toBe(0);
    await page.goto(`${gh.url}/t/${second.id}/team`);
    await page.getByText(gh.admin.email).waitFor();
    expect(await page.getByText(VIEWER.email).count()).toBe(0);

    await page.goto(`${gh.url}/t/${tenantId}/keys`);
    await page.getByText("billing-service (prod)").waitFor();
    expect(await page.getByText("second-co-secret-project").count()).toBe(0);
    await context.close();
  }, 120_000);

  it("resets a forgotten password through the emailed link", async () => {
    const { context, page } = await newUserPage(browser);
    await page.goto(`${gh.url}/sign-in`);
    await page.getByRole("link", { name: "Forgot your password?" }).click();
    // Wait for the page itself: the sign-in page has an Email field too.
    await page.getByRole("heading", { name: "Reset your password" }).waitFor();
    await page.getByRole("textbox", { name: /^Email/ }).fill(VIEWER.email);
    await page.getByRole("button", { name: "Email me a reset link" }).click();
    await page.getByText("Check your email").waitFor();
    const token = await emailedToken(VIEWER.email, "/reset-password");

    await page.goto(`${gh.url}/reset-password#token=${token}`);
    const newPassword = "a-brand-new-password-456";
    await page.getByRole("textbox", { name: /^New password/ }).fill(newPassword);
    await page.getByRole("button", { name: "Set new password" }).click();
    await page.getByText("Password changed").waitFor();
    await page.getByRole("link", { name: "Sign in" }).click();
    await signIn(page, gh.url, VIEWER.email, newPassword);
    // The old password no longer works.
    const old = await createGatehouseClient({ baseUrl: gh.url })
      .auth.logIn({ body: { email: VIEWER.email, password: VIEWER.password } })
      .catch((e: unknown) => e);
    expect((old as GatehouseApiError).status).toBe(401);
    await context.close();
  }, 120_000);

  it("offers single sign-on from a tenant's link, shows a closed sign-up in place, and verifies an email", async () => {
    const { context, page } = await newUserPage(browser);
    await page.goto(`${gh.url}/sign-in`);
    await page.getByRole("button", { name: "Sign in" }).waitFor();
    expect(await page.getByRole("link", { name: "Sign in with single sign-on" }).count()).toBe(0);
    await page.goto(`${gh.url}/sign-in?tenant=${tenantId}&next=/t/${tenantId}/keys`);
    const sso = page.getByRole("link", { name: "Sign in with single sign-on" });
    await sso.waitFor();
    expect(await sso.getAttribute("href")).toBe(
      `/api/auth/sso/${tenantId}/start?redirect=${encodeURIComponent(`/t/${tenantId}/keys`)}`,
    );
    // This tenant has no single sign-on: following the button lands on the console with the error in
    // place, never on the API's raw JSON.
    await sso.click();
    await page.waitForURL(/\/sso\/complete/);
    await expect.poll(() => page.getByTestId("sso-failure").textContent()).toMatch(/did not complete/);

    // Sign-up is off unless GATEHOUSE_SIGNUP: the server's refusal is shown on the form.
    await page.goto(`${gh.url}/sign-up`);
    await page.getByRole("textbox", { name: /^Name/ }).fill("Sam Signup");
    await page.getByRole("textbox", { name: /^Email/ }).fill("sam@example.com");
    await page.getByRole("textbox", { name: /^Password/ }).fill("sam-password-1234");
    await page.getByRole("button", { name: "Create account" }).click();
    await expect.poll(() => page.getByRole("alert").textContent()).toMatch(/sign-up|signup|disabled|not/i);
    expect(page.url()).toContain("/sign-up");

    // The verification email's link confirms the address; a made-up token is refused in place.
    await page.goto(`${gh.url}/verify-email#token=ghv_not-a-real-token`);
    await expect
      .poll(() => page.getByRole("alert").first().textContent())
      .toMatch(/token|invalid|expired|used/i);
    await admin.auth.requestEmailVerification();
    const token = await emailedToken(gh.admin.email, "/verify-email");
    await page.goto(`${gh.url}/verify-email#token=${token}`);
    await page.getByText("Email verified").waitFor();
    expect((await admin.auth.me()).user.emailVerified).toBe(true);
    await context.close();
  }, 120_000);

  it("lets a member manage their own keys only", async () => {
    const email = "mo.member@example.com";
    const ws = await admin.workspaces.list({ params: { tenantId } });
    const workspaceId = ws.items[0]?.id ?? "";
    await admin.invitations.create({
      params: { tenantId },
      body: { email, role: "member", workspaceId, workspaceRole: "member" },
    });
    const member = createGatehouseClient({ baseUrl: gh.url });
    const password = "member-password-789";
    await member.invitations.accept({
      body: { token: await emailedToken(email, "/accept-invitation"), password, name: "Mo Member" },
    });
    await member.keys.create({ params: { tenantId, workspaceId }, body: { name: "mo-laptop" } });

    const { context, page } = await newUserPage(browser);
    await signIn(page, gh.url, email, password);
    await page.goto(`${gh.url}/t/${tenantId}/keys`);
    await page.getByText("billing-service (prod)").waitFor();
    await page.getByRole("button", { name: "Create key" }).waitFor();
    await page.getByRole("button", { name: "Actions for mo-laptop" }).waitFor();
    expect(await page.getByRole("button", { name: "Actions for billing-service (prod)" }).count()).toBe(0);
    // The server agrees: another's key is not theirs to revoke.
    const keys = await member.keys.list({ params: { tenantId }, query: { status: "active" } });
    const others = keys.items.find((k) => k.name === "billing-service (prod)");
    const refused = await member.keys
      .revoke({ params: { tenantId, keyId: others?.id ?? "" } })
      .catch((e: unknown) => e);
    expect((refused as GatehouseApiError).status).toBe(403);
    await context.close();
  }, 120_000);
});

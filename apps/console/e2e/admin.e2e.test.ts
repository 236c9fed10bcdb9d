import { createGatehouseClient, type GatehouseClient } from "@gatehouse/sdk";
import {
  type OidcTestProvider,
  type SmtpSink,
  startOidcTestProvider,
  startSmtpSink,
} from "@gatehouse/test-support";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchBrowser, newUserPage, screenshots, signIn } from "./testing/browser.js";
import { type GatehouseProcess, startGatehouse } from "./testing/gatehouse-process.js";

const CLIENT_SECRET = "oidc-secret-that-must-never-show";
let smtp: SmtpSink;
let op: OidcTestProvider;
let gh: GatehouseProcess;
let browser: Browser;
let tenantId: string;

/** A fresh API session of the admin (each test may have ended the others). */
async function adminApi(): Promise<GatehouseClient> {
  const client = createGatehouseClient({ baseUrl: gh.url });
  await client.auth.logIn({ body: { email: gh.admin.email, password: gh.admin.password } });
  return client;
}

async function rows(page: Page, testId: string): Promise<number> {
  return page.getByTestId(testId).count();
}

beforeAll(async () => {
  smtp = await startSmtpSink();
  op = await startOidcTestProvider({
    clients: [{ client_id: "gatehouse", client_secret: CLIENT_SECRET, redirect_uris: ["http://x/cb"] }],
    accounts: {},
  });
  gh = await startGatehouse({ GATEHOUSE_SMTP_URL: smtp.url, GATEHOUSE_SSO_ALLOW_HTTP_LOOPBACK: "1" });
  browser = await launchBrowser();
  const me = await (await adminApi()).auth.me();
  tenantId = me.memberships[0]!.tenantId;
}, 120_000);
afterAll(async () => {
  await browser?.close();
  await gh?.stop();
  await op?.close();
  await smtp?.close();
});

describe("audit log and settings, in a real browser against the real server", () => {
  it("shows an API action in the audit log, filters it by action in the URL (kept on reload), diffs it, exports it", async () => {
    const api = await adminApi();
    const [ws] = (await api.workspaces.list({ params: { tenantId } })).items;
    const created = await api.keys.create({
      params: { tenantId, workspaceId: ws!.id },
      body: { name: "audit-probe" },
    });
    await api.keys.update({
      params: { tenantId, keyId: created.key.id },
      body: { name: "audit-probe-renamed" },
    });
    // A few more changes, so the page (and its screenshot) shows a realistic mix.
    const research = await api.workspaces.create({ params: { tenantId }, body: { name: "Research" } });
    await api.workspaces.update({
      params: { tenantId, workspaceId: research.id },
      body: { name: "Research lab" },
    });
    await api.pricing.updateSettings({ params: { tenantId }, body: { markupBps: 1500 } });

    const { context, page } = await newUserPage(browser);
    await signIn(page, gh.url, gh.admin.email, gh.admin.password);
    await page.goto(`${gh.url}/t/${tenantId}/audit`);
    await page.getByRole("button", { name: "keys.create" }).first().waitFor();
    await screenshots(page, "audit");

    await page.getByRole("combobox", { name: "Action" }).fill("keys.update");
    await page.waitForURL(/action=keys\.update/);
    await page.reload();
    await expect.poll(() => page.getByRole("combobox", { name: "Action" }).inputValue()).toBe("keys.update");
    await expect.poll(() => rows(page, "audit-row")).toBe(1);
    await page.getByRole("button", { name: "keys.update" }).click();
    const detail = page.getByTestId("audit-detail");
    await detail.waitFor();
    const nameRow = detail.locator("tr", { hasText: "audit-probe-renamed" });
    expect(await nameRow.getAttribute("data-change")).toBe("changed");
    expect(await nameRow.textContent()).toContain("audit-probe");
    await page.keyboard.press("Escape");

    const download = page.waitForEvent("download");
    await page.getByRole("button", { name: "Export CSV" }).click();
    const file = await download;
    expect(file.suggestedFilename()).toMatch(/^audit-.*\.csv$/);
    const csv = await (await import("node:fs/promises")).readFile((await file.path())!, "utf8");
    expect(csv.split("\n")[0]).toContain("action");
    expect(csv).toContain("keys.update");
    expect(csv).not.toContain("keys.create");
    await context.close();
  }, 90_000);

  it("changes the profile name, lists sessions, and signs another browser out on its next request", async () => {
    const { context, page } = await newUserPage(browser);
    await signIn(page, gh.url, gh.admin.email, gh.admin.password);
    await page.goto(`${gh.url}/t/${tenantId}/settings`);
    const name = page.getByRole("textbox", { name: /^Name/ });
    await name.fill("Grace Admin");
    await page.getByRole("button", { name: "Save name" }).click();
    await expect.poll(async () => (await (await adminApi()).auth.me()).user.name).toBe("Grace Admin");

    // Start from this browser alone, then sign in from a second one.
    await page.getByRole("tab", { name: "Sessions" }).click();
    await page.waitForURL(/tab=sessions/);
    await page.getByRole("button", { name: "Sign out other sessions" }).click();
    await expect.poll(() => rows(page, "session-row"), { timeout: 15_000 }).toBe(1);
    const other = await newUserPage(browser);
    await signIn(other.page, gh.url, gh.admin.email, gh.admin.password);
    await page.reload();
    await expect.poll(() => rows(page, "session-row")).toBe(2);
    expect(await page.getByText("This browser").count()).toBe(1);
    await screenshots(page, "settings-sessions");

    await page.getByRole("button", { name: /^Sign out Chrome/ }).click();
    await expect.poll(() => rows(page, "session-row")).toBe(1);
    // The other browser's next request is refused: it lands on the sign-in page.
    await other.page.getByRole("link", { name: "Audit log" }).click();
    await other.page.waitForURL(/\/sign-in/, { timeout: 15_000 });
    // This one still works.
    await page.getByRole("tab", { name: "Profile" }).click();
    await expect.poll(() => name.inputValue()).toBe("Grace Admin");
    await other.context.close();
    await context.close();
  }, 90_000);

  it("renames the tenant, saves single sign-on without ever showing the secret back, and sends an SMTP test email", async () => {
    const { context, page } = await newUserPage(browser);
    await signIn(page, gh.url, gh.admin.email, gh.admin.password);
    await page.goto(`${gh.url}/t/${tenantId}/settings?tab=tenant`);
    const tenantName = page.getByRole("textbox", { name: /^Tenant name/ });
    await page.getByRole("button", { name: "Save pricing" }).waitFor();
    await page.getByRole("button", { name: "Save retention" }).waitFor();
    await screenshots(page, "settings");
    await tenantName.fill("Acme Research");
    await page.getByRole("button", { name: "Rename" }).click();
    const api = await adminApi();
    await expect
      .poll(async () => (await api.tenants.get({ params: { tenantId } })).name)
      .toBe("Acme Research");

    await page.getByRole("tab", { name: "Single sign-on" }).click();
    await page.waitForURL(/tab=sso/);
    await page.getByRole("textbox", { name: /^Issuer/ }).fill(op.issuer);
    await page.getByRole("textbox", { name: /^Client id/ }).fill("gatehouse");
    await page.getByLabel(/^Client secret/).fill(CLIENT_SECRET);
    await page.getByRole("button", { name: "Add a rule" }).click();
    await page.getByRole("textbox", { name: "Rule 1 group" }).fill("gh-admins");
    await page.getByRole("combobox", { name: "Tenant role", exact: true }).click();
    await page.getByRole("option", { name: "admin", exact: true }).click();
    await page.getByRole("button", { name: "Save single sign-on" }).click();
    await expect.poll(() => page.getByText("Configured and on").count(), { timeout: 15_000 }).toBe(1);
    const saved = await api.sso.get({ params: { tenantId } });
    expect(saved).toMatchObject({ issuer: op.issuer, clientId: "gatehouse" });
    expect(saved.mapping.rules).toEqual([{ group: "gh-admins", tenantRole: "admin" }]);
    await page.reload();
    await page.getByRole("button", { name: "Save single sign-on" }).waitFor();
    expect(await page.getByLabel(/^Client secret/).inputValue()).toBe("");
    expect(await page.content()).not.toContain(CLIENT_SECRET);

    await page.getByRole("tab", { name: "Email (SMTP)" }).click();
    await page.waitForURL(/tab=email/);
    await page.getByRole("button", { name: "Send test email" }).click();
    const mail = await smtp.waitForMessage((m) => m.subject === "Gatehouse test email", 15_000);
    expect(mail.to).toContain(gh.admin.email);

    // An SMTP server set here overrides the environment's at once; its password is never shown back.
    const other = await startSmtpSink({ requireAuth: { user: "relay", pass: "relay-password-42" } });
    try {
      await page.getByRole("textbox", { name: /^SMTP host/ }).fill("127.0.0.1");
      await page.getByRole("textbox", { name: /^Port/ }).fill(String(other.port));
      await page.getByRole("textbox", { name: /^SMTP user/ }).fill("relay");
      await page.getByLabel(/^SMTP password/).fill("relay-password-42");
      await page.getByRole("textbox", { name: /^Sender/ }).fill("Ops <ops@example.test>");
      await page.getByRole("button", { name: "Save SMTP server" }).click();
      await expect.poll(() => page.getByText("It was set here").count(), { timeout: 15_000 }).toBe(1);
      expect((await api.smtp.get()).source).toBe("settings");
      await page.getByRole("button", { name: "Send test email" }).click();
      const relayed = await other.waitForMessage((m) => m.subject === "Gatehouse test email", 15_000);
      expect(relayed.user).toBe("relay");
      await page.reload();
      await page.getByRole("button", { name: "Save SMTP server" }).waitFor();
      expect(await page.content()).not.toContain("relay-password-42");
      await page.getByRole("button", { name: /^Remove \(use the environment/ }).click();
      await expect.poll(async () => (await api.smtp.get()).source).toBe("env");
    } finally {
      await other.close();
    }
    await context.close();
  }, 90_000);

  it("shows a viewer their own account settings but no tenant setting they could change", async () => {
    const api = await adminApi();
    await api.invitations.create({
      params: { tenantId },
      body: { email: "vera@example.test", role: "viewer" },
    });
    const mail = await smtp.waitForMessage((m) => m.to.includes("vera@example.test"), 15_000);
    const token = /#token=([A-Za-z0-9_-]+)/.exec(mail.text)![1]!;
    const vera = createGatehouseClient({ baseUrl: gh.url });
    await vera.invitations.accept({ body: { token, password: "viewer password 123", name: "Vera" } });

    const { context, page } = await newUserPage(browser);
    await signIn(page, gh.url, "vera@example.test", "viewer password 123");
    await page.goto(`${gh.url}/t/${tenantId}/settings`);
    await page.getByRole("button", { name: "Save name" }).waitFor();
    const tabs = await page.getByRole("tab").allTextContents();
    expect(tabs).toEqual(["Profile", "Password", "Sessions", "Single sign-on"]);
    await page.goto(`${gh.url}/t/${tenantId}/settings?tab=sso`);
    await page.getByRole("textbox", { name: /^Issuer/ }).waitFor();
    for (const name of ["Save single sign-on", "Remove single sign-on", "Rename", "Save SMTP server"]) {
      expect(await page.getByRole("button", { name }).count()).toBe(0);
    }
    expect(await page.getByLabel(/^Client secret/).count()).toBe(0);
    // The server refuses the writes the page does not offer.
    await expect(vera.tenants.update({ params: { tenantId }, body: { name: "Mine" } })).rejects.toMatchObject(
      {
        status: 403,
      },
    );
    await context.close();
  }, 60_000);
});

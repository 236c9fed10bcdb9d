import { readFileSync } from "node:fs";
import { createGatehouseClient, type GatehouseClient } from "@gatehouse/sdk";
import {
  type FakeServer,
  type FakeStripe,
  type SmtpSink,
  startFakeOpenAI,
  startFakeStripe,
  startSmtpSink,
} from "@gatehouse/test-support";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchBrowser, newUserPage, screenshots, signIn } from "./testing/browser.js";
import { type GatehouseProcess, startGatehouse } from "./testing/gatehouse-process.js";

// Budgets and billing in a real browser against the real server (SQLite), a fake OpenAI and a fake
// Stripe. Every request costs exactly $0.01: the wildcard model's input is free and its output
// $2000 per million tokens; max_tokens 5 and the fake answers 5 tokens, so the reservation equals the cost.
const CENT = 10_000_000;
let openai: FakeServer;
let stripe: FakeStripe;
let smtp: SmtpSink;
let gh: GatehouseProcess;
let browser: Browser;
let api: GatehouseClient;
let tenantId: string;
let page: Page;

beforeAll(async () => {
  openai = await startFakeOpenAI({ chunks: 5 });
  stripe = await startFakeStripe();
  smtp = await startSmtpSink();
  gh = await startGatehouse({
    OPENAI_BASE_URL: openai.url,
    OPENAI_API_KEY: "sk-money",
    STRIPE_SECRET_KEY: "sk_test_console",
    STRIPE_API_BASE: stripe.url,
    GATEHOUSE_SMTP_URL: smtp.url,
  });
  api = createGatehouseClient({ baseUrl: gh.url });
  await api.auth.logIn({ body: { email: gh.admin.email, password: gh.admin.password } });
  browser = await launchBrowser();
  ({ page } = await newUserPage(browser));
  await signIn(page, gh.url, gh.admin.email, gh.admin.password);
  await page.waitForURL(/\/t\/[^/]+\//);
  tenantId = new URL(page.url()).pathname.split("/")[2] as string;
  const wildcard = (await api.models.list({ params: { tenantId } })).items.find((m) => m.name === "openai/*");
  if (!wildcard) throw new Error("the first start did not add openai/*");
  await api.models.update({
    params: { tenantId, modelId: wildcard.id },
    body: { inputPricePerMTok: 0, outputPricePerMTok: 2_000_000_000_000 },
  });
}, 120_000);
afterAll(async () => {
  await browser?.close();
  await gh?.stop();
  await stripe?.close();
  await smtp?.close();
  await openai?.close();
});

/** One chat request with the first API key, as a client would send it. */
async function ask(): Promise<{ status: number; code: string | undefined }> {
  const res = await fetch(`${gh.url}/v1/chat/completions`, {
    method: "POST",
    headers: { authorization: `Bearer ${gh.apiKey}`, "content-type": "application/json" },
    body: JSON.stringify({
      model: "openai/gpt-4o-mini",
      max_tokens: 5,
      messages: [{ role: "user", content: "hi" }],
    }),
  });
  const body = (await res.json()) as { error?: { code?: string } };
  return { status: res.status, code: body.error?.code };
}

describe("budgets and billing in the console", () => {
  it("sets a $0.03 budget in the UI, shows real spend on its bar, and the gateway refuses past it", async () => {
    await page.goto(`${gh.url}/t/${tenantId}/budgets`);
    await page.getByRole("heading", { name: "Budgets and limits" }).waitFor();
    await expect.poll(() => page.getByTestId("empty-state").textContent()).toMatch(/No budgets/);
    await page.getByRole("button", { name: "New budget" }).first().click();
    const dialog = page.getByRole("dialog");
    await dialog.getByRole("textbox", { name: /^Limit in USD/ }).fill("0.03");
    await dialog.getByRole("button", { name: "Create budget" }).click();
    await dialog.waitFor({ state: "hidden" });
    // What the API stored: a tenant budget of exactly 3 cents in nano-USD.
    const [budget] = (await api.budgets.list({ params: { tenantId } })).items;
    expect(budget).toMatchObject({
      scopeKind: "tenant",
      scopeId: tenantId,
      metric: "cost",
      period: "monthly",
      limit: 3 * CENT,
    });
    const bar = page.getByTestId(`budget-${budget?.id}`).getByTestId("usage-bar");
    await expect.poll(() => bar.textContent()).toMatch(/\$0\.00 of \$0\.03/);
    // A looser cap on the key itself, to see a bar part-way (3 of 5 cents: yellow from 50 %).
    const [key] = (await api.keys.list({ params: { tenantId } })).items;
    const keyBudget = await api.budgets.create({
      params: { tenantId },
      body: {
        scopeKind: "key",
        scopeId: key?.id as string,
        metric: "cost",
        period: "daily",
        limit: 5 * CENT,
      },
    });

    // Real requests spend it; the fourth could pass the cap and is refused before the upstream.
    for (let i = 0; i < 3; i++) expect((await ask()).status).toBe(200);
    const upstreamCalls = openai.requests.length;
    expect(await ask()).toEqual({ status: 402, code: "budget_exceeded" });
    expect(openai.requests.length).toBe(upstreamCalls);

    // The bar shows the spend (it refreshes itself while the page is open) and turns red at 100 %.
    await expect.poll(() => bar.textContent(), { timeout: 20_000 }).toMatch(/\$0\.03 of \$0\.03/);
    expect(await bar.getAttribute("data-level")).toBe("red");
    expect(await bar.textContent()).toContain("100 %");
    const keyBar = page.getByTestId(`budget-${keyBudget.id}`).getByTestId("usage-bar");
    await expect.poll(() => keyBar.textContent()).toMatch(/\$0\.03 of \$0\.05.*60 %/);
    expect(await keyBar.getAttribute("data-level")).toBe("yellow");

    // Realistic neighbours for the screenshot: a weekly token quota on the workspace and a rate limit.
    const [workspace] = (await api.workspaces.list({ params: { tenantId } })).items;
    if (workspace) {
      await api.budgets.create({
        params: { tenantId },
        body: {
          scopeKind: "workspace",
          scopeId: workspace.id,
          metric: "tokens",
          period: "weekly",
          limit: 2_000_000,
        },
      });
    }
    await api.rateLimits.create({
      params: { tenantId },
      body: {
        scopeKind: "tenant",
        scopeId: tenantId,
        model: "openai/*",
        rpm: 600,
        tpm: 200_000,
        concurrency: 20,
      },
    });
    await page.reload();
    await expect.poll(() => page.getByTestId("usage-bar").count()).toBe(3);
    await screenshots(page, "budgets");
    await page.getByRole("tab", { name: "Rate limits" }).click();
    await page.getByRole("table", { name: "Rate limits" }).waitFor();
    expect(page.url()).toContain("tab=limits");
    expect(await page.getByRole("table", { name: "Rate limits" }).textContent()).toContain("openai/*");

    // The threshold webhook: its signing secret is shown once, right after it is set.
    await page.getByRole("tab", { name: "Threshold webhook" }).click();
    await page.getByRole("textbox", { name: /^Webhook URL/ }).fill("https://hooks.example.com/gatehouse");
    await page.getByRole("button", { name: "Save webhook" }).click();
    await expect.poll(() => page.getByTestId("webhook-secret").textContent()).toMatch(/\S{16,}/);
    expect(await api.budgets.getWebhook({ params: { tenantId } })).toMatchObject({
      url: "https://hooks.example.com/gatehouse",
    });
    await page.reload();
    await page.getByTestId("budget-webhook-url").waitFor();
    expect(await page.getByTestId("webhook-secret").count()).toBe(0);
  });

  it("redeems an operator's code, starts a Stripe top-up, and downloads a statement", async () => {
    const code = await api.billing.createCode({ body: { valueNano: 10_000_000_000, note: "welcome" } });
    const plan = await api.billing.createPlan({
      body: {
        name: "Team",
        models: ["openai/*"],
        rpm: 600,
        includedNano: 50_000_000_000,
        stripePriceId: "price_team",
      },
    });
    await api.billing.createPlan({ body: { name: "Enterprise", models: ["*"], stripePriceId: "price_ent" } });
    await api.billing.setTenant({ params: { targetTenantId: tenantId }, body: { planId: plan.id } });
    await page.goto(`${gh.url}/t/${tenantId}/billing`);
    await page.getByRole("heading", { name: "Billing" }).waitFor();
    // The admin of the first tenant is the operator: the codes list is shown (without the codes).
    await page.getByRole("table", { name: "Redemption codes" }).waitFor();
    expect(await page.getByRole("table", { name: "Redemption codes" }).textContent()).toContain("welcome");

    await page.getByRole("textbox", { name: "Redemption code" }).fill(code.code);
    await page.getByRole("button", { name: "Redeem" }).click();
    await expect.poll(() => page.getByTestId("ledger").textContent()).toMatch(/Redemption.*\+\$10\.00/);
    const billing = await api.billing.get({ params: { tenantId } });
    expect(billing.balance.ledgerNano).toBe(10_000_000_000);
    const shown = `$${(billing.balance.availableNano / 1e9).toFixed(2)}`;
    await expect.poll(() => page.getByTestId("credit-balance").textContent()).toBe(shown);
    expect(await page.getByTestId("current-plan").textContent()).toBe("Plan: Team");
    await screenshots(page, "billing");
    // A second redemption of the same code by the same tenant is refused in place.
    await page.getByRole("textbox", { name: "Redemption code" }).fill(code.code);
    await page.getByRole("button", { name: "Redeem" }).click();
    await page.getByRole("alert").filter({ hasText: "Could not redeem" }).waitFor();

    // The statement of this month, as a file the browser saves.
    const download = page.waitForEvent("download");
    await page.getByRole("button", { name: "Download CSV" }).click();
    const file = await download;
    expect(file.suggestedFilename()).toMatch(/^gatehouse-statement-\d{4}-\d{2}\.csv$/);
    const csv = readFileSync((await file.path()) as string, "utf8");
    expect(csv.length).toBeGreaterThan(0);
    expect(csv).toMatch(/redemption|welcome|10\.00/i);

    const pdfDownload = page.waitForEvent("download");
    await page.getByRole("button", { name: "Download PDF" }).click();
    const pdf = readFileSync((await (await pdfDownload).path()) as string);
    expect(pdf.subarray(0, 5).toString("latin1")).toBe("%PDF-");

    // A top-up sends the browser to Stripe's Checkout (answered here by a stand-in page).
    await page.route("https://checkout.stripe.com/**", (route) =>
      route.fulfill({ status: 200, contentType: "text/html", body: "<h1>Fake Checkout</h1>" }),
    );
    await page.getByRole("textbox", { name: "Amount in USD" }).fill("25");
    await page.getByRole("button", { name: "Top up with Stripe" }).click();
    await page.waitForURL(/^https:\/\/checkout\.stripe\.com\/c\/pay\/cs_/);
    const session = [...stripe.sessions.values()].at(-1);
    expect(session).toMatchObject({ mode: "payment", amount_total: 2500, client_reference_id: tenantId });
    expect(session?.success_url).toContain(`/t/${tenantId}/billing?checkout=success`);

    // Back from Checkout: the page says so.
    await page.goto(`${gh.url}/t/${tenantId}/billing?checkout=cancel`);
    await page.getByText("Checkout cancelled").waitFor();
    await page.goto(`${gh.url}/t/${tenantId}/billing?checkout=success`);
    await page.getByText("Payment received").waitFor();
  });

  it("shows a viewer the limits but no write buttons, and no billing; the API refuses their writes", async () => {
    await api.invitations.create({
      params: { tenantId },
      body: { email: "vera@money.test", role: "viewer" },
    });
    const mail = await smtp.waitForMessage((m) => m.to.includes("vera@money.test"), 10_000);
    const token = /#token=([A-Za-z0-9_-]+)/.exec(mail.text)?.[1] as string;
    const vera = createGatehouseClient({ baseUrl: gh.url });
    await vera.invitations.accept({ body: { token, name: "Vera", password: "viewer-password-1" } });

    const { context, page: viewer } = await newUserPage(browser);
    await signIn(viewer, gh.url, "vera@money.test", "viewer-password-1");
    await viewer.goto(`${gh.url}/t/${tenantId}/budgets`);
    await viewer.getByRole("table", { name: "Rate limits" }).waitFor();
    expect(await viewer.getByRole("tab", { name: "Budgets and quotas" }).count()).toBe(0);
    expect(await viewer.getByRole("button", { name: /New rate limit/ }).count()).toBe(0);
    expect(await viewer.getByRole("button", { name: /Change the limit|Remove the limit/ }).count()).toBe(0);
    // The admin's navigation lists Billing; the viewer's does not (no billing:read).
    expect(await page.getByRole("link", { name: "Billing" }).count()).toBe(1);
    expect(await viewer.getByRole("link", { name: "Billing" }).count()).toBe(0);
    const refused = await vera.rateLimits
      .create({ params: { tenantId }, body: { scopeKind: "tenant", scopeId: tenantId, rpm: 1 } })
      .catch((e: unknown) => e);
    expect(refused).toMatchObject({ status: 403 });
    const noBudgets = await vera.budgets.list({ params: { tenantId } }).catch((e: unknown) => e);
    expect(noBudgets).toMatchObject({ status: 403 });
    await context.close();
  });
});

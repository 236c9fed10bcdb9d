import { createGatehouseClient } from "@gatehouse/sdk";
import { type FakeServer, startFakeOpenAI } from "@gatehouse/test-support";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchBrowser, newUserPage, screenshots, signIn } from "./testing/browser.js";
import { type GatehouseProcess, startGatehouse } from "./testing/gatehouse-process.js";

const MODEL = "openai/gpt-4o-mini";
let fake: FakeServer;
let gh: GatehouseProcess;
let browser: Browser;

beforeAll(async () => {
  fake = await startFakeOpenAI();
  gh = await startGatehouse({ OPENAI_BASE_URL: fake.url, OPENAI_API_KEY: "sk-console" });
  browser = await launchBrowser();
}, 60_000);
afterAll(async () => {
  await browser?.close();
  await gh?.stop();
  await fake?.close();
});

/** A real chat request through the gateway with the first-run API key. */
async function sendRequest(content = "Say hello", model = MODEL): Promise<void> {
  const res = await fetch(`${gh.url}/v1/chat/completions`, {
    method: "POST",
    headers: { authorization: `Bearer ${gh.apiKey}`, "content-type": "application/json" },
    body: JSON.stringify({ model, messages: [{ role: "user", content }] }),
  });
  expect(res.status).toBe(200);
  await res.text();
}

/** The value shown on a stat card ("Requests", "Spend", …). */
/** A labelled form input (a Mantine Select is an input whatever role it takes). */
const input = (page: Page, label: string) =>
  page.locator("input").and(page.getByLabel(label, { exact: true }));

const stat = (page: Page, name: string) =>
  page.getByTestId(`stat-${name}`).getByTestId("stat-value").textContent();

describe("the Activity page, in a real browser against the real server", () => {
  it("shows requests sent with a key, updates live without a reload, and keeps range and grouping in the URL", async () => {
    const { context, page } = await newUserPage(browser);
    await signIn(page, gh.url, gh.admin.email, gh.admin.password);
    // Activity is the landing page after sign-in.
    await page.waitForURL(/\/t\/[^/]+\/activity/);
    const tenantId = new URL(page.url()).pathname.split("/")[2]!;
    await page.getByTestId("activity-ready").waitFor();
    // Nothing sent yet: the empty state says what to do next.
    await expect.poll(() => page.getByTestId("empty-state").textContent()).toMatch(/create an API key/);

    for (let i = 0; i < 2; i++) await sendRequest(`hello ${i}`);
    await sendRequest("hello big model", "openai/gpt-4o");
    // The live stream brings the requests in; the page is never reloaded (the marker survives).
    await page.evaluate(() => {
      (window as unknown as { marker: number }).marker = 42;
    });
    await expect.poll(() => stat(page, "requests"), { timeout: 15_000 }).toBe("3");
    expect(await stat(page, "spend")).toMatch(/^\$0\.0*[1-9]/);
    await expect.poll(() => page.getByTestId("live-badge").textContent()).toBe("Live");
    await page.getByRole("table", { name: "Top models" }).getByText(MODEL).waitFor();

    await sendRequest("one more");
    await expect.poll(() => stat(page, "requests"), { timeout: 15_000 }).toBe("4");
    // The chart follows too: its text alternative totals the requests drawn.
    await expect
      .poll(() => page.getByTestId("activity-chart").getAttribute("aria-label"))
      .toMatch(/: 4 in total, highest [1-4] at /);
    expect(await page.evaluate(() => (window as unknown as { marker?: number }).marker)).toBe(42);

    // What the page shows is what the API holds.
    const client = createGatehouseClient({ baseUrl: gh.url });
    await client.auth.logIn({ body: { email: gh.admin.email, password: gh.admin.password } });
    const summary = await client.usage.summary({ params: { tenantId } });
    expect(summary.requests).toBe(4);
    expect(summary.costNano).toBeGreaterThan(0);

    // Export: the CSV of the shown range holds the four requests.
    const [download] = await Promise.all([
      page.waitForEvent("download"),
      page.getByRole("button", { name: "Export CSV" }).click(),
    ]);
    const chunks: Buffer[] = [];
    for await (const chunk of await download.createReadStream()) chunks.push(chunk as Buffer);
    const csv = Buffer.concat(chunks).toString("utf8");
    expect(csv.trim().split(/\r?\n/)).toHaveLength(5);
    expect(csv).toContain(MODEL);

    // Range and grouping land in the URL and survive a reload.
    await page.getByText("7 days", { exact: true }).click();
    await page.waitForURL(/range=7d/);
    await input(page, "Group by").click();
    await page.getByRole("option", { name: "Model" }).click();
    await page.waitForURL(/group=model/);
    await page.getByRole("tab", { name: "Spend" }).click();
    await page.waitForURL(/metric=spend/);
    await page.reload();
    await page.getByTestId("activity-ready").waitFor();
    expect(page.url()).toMatch(/range=7d/);
    expect(await input(page, "Group by").inputValue()).toBe("Model");
    expect(await page.getByRole("tab", { name: "Spend" }).getAttribute("aria-selected")).toBe("true");
    expect(await stat(page, "requests")).toBe("4");
    await page.getByText("24 hours", { exact: true }).click();
    await page.waitForURL(/range=24h/);
    await page.getByTestId("activity-ready").waitFor();
    await screenshots(page, "activity");
    await context.close();
  }, 90_000);
});

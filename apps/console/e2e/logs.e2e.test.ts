import { readFileSync } from "node:fs";
import { createGatehouseClient, type GatehouseClient } from "@gatehouse/sdk";
import { type FakeServer, startFakeOpenAI } from "@gatehouse/test-support";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchBrowser, newUserPage, screenshots, signIn } from "./testing/browser.js";
import { type GatehouseProcess, startGatehouse } from "./testing/gatehouse-process.js";

let fake: FakeServer;
let gh: GatehouseProcess;
let browser: Browser;
let api: GatehouseClient;
let tenantId: string;
/** Request ids by what happened to them. */
const ids: Record<string, string> = {};

/** One real chat request with the first API key; answers the gateway's request id. */
async function chat(model: string, stream = false): Promise<string> {
  const res = await fetch(`${gh.url}/v1/chat/completions`, {
    method: "POST",
    headers: { authorization: `Bearer ${gh.apiKey}`, "content-type": "application/json" },
    body: JSON.stringify({
      model,
      stream,
      messages: [{ role: "user", content: "Hello from the logs test" }],
    }),
  });
  await res.arrayBuffer();
  return res.headers.get("x-gatehouse-request-id") ?? "";
}

beforeAll(async () => {
  fake = await startFakeOpenAI();
  gh = await startGatehouse({ OPENAI_BASE_URL: fake.url, OPENAI_API_KEY: "sk-logs" });
  api = createGatehouseClient({ baseUrl: gh.url });
  await api.auth.logIn({ body: { email: gh.admin.email, password: gh.admin.password } });
  tenantId = (await api.auth.me()).memberships[0]!.tenantId;
  // A 503 then a retry in place that succeeds: two attempts, served.
  fake.setMode("error-503", 1);
  ids.retried = await chat("openai/gpt-4o-mini");
  // Two 500s: both attempts failed, the request is an error.
  fake.setMode("error-500", 2);
  ids.failed = await chat("openai/gpt-4o");
  for (const m of ["openai/gpt-4o-mini", "openai/gpt-4.1", "openai/gpt-4o", "openai/o3-mini"]) await chat(m);
  for (const m of ["openai/gpt-4.1", "openai/o3-mini"]) await chat(m, true);
  // The records are settled by the usage writer shortly after the answers.
  for (let settled = 0, tries = 0; settled < 8; tries++) {
    if (tries > 100) throw new Error(`only ${settled} of 8 requests settled`);
    await new Promise((r) => setTimeout(r, 200));
    const page = await api.usageLogs.list({ params: { tenantId }, query: { limit: 50 } });
    settled = page.items.filter((r) => r.status !== "pending").length;
  }
  browser = await launchBrowser();
}, 90_000);
afterAll(async () => {
  await browser?.close();
  await gh?.stop();
  await fake?.close();
});

const rows = (page: Page) => page.getByTestId("log-row");

describe("the Logs page, in a real browser against the real server", () => {
  it("lists real requests, filters by model and status through the URL, and keeps the filters on reload", async () => {
    const { context, page } = await newUserPage(browser);
    await signIn(page, gh.url, gh.admin.email, gh.admin.password);
    await page.goto(`${gh.url}/t/${tenantId}/logs`);
    await page.getByTestId("logs-ready").waitFor();
    await expect.poll(() => rows(page).count()).toBe(8);
    await expect.poll(() => page.getByTestId("logs-table").textContent()).toContain("openai/o3-mini");
    await screenshots(page, "logs");

    await page.getByRole("combobox", { name: "Model" }).fill("openai/gpt-4o");
    await page.getByRole("combobox", { name: "Model" }).press("Enter");
    await page.getByRole("combobox", { name: "Model" }).press("Escape");
    await expect.poll(() => new URL(page.url()).searchParams.get("model")).toBe("openai/gpt-4o");
    await expect.poll(() => rows(page).count()).toBe(2);
    await page.getByRole("combobox", { name: "Status" }).click();
    await page.getByRole("option", { name: "Error" }).click();
    await expect.poll(() => new URL(page.url()).searchParams.get("status")).toBe("error");
    await expect.poll(() => rows(page).count()).toBe(1);
    expect(await rows(page).first().textContent()).toMatch(/error 502/); // the gateway answers an upstream's 500 as 502;

    await page.reload();
    await page.getByTestId("logs-ready").waitFor();
    expect(await page.getByRole("combobox", { name: "Model" }).inputValue()).toBe("openai/gpt-4o");
    expect(await page.getByRole("combobox", { name: "Status" }).inputValue()).toBe("Error");
    await expect.poll(() => rows(page).count()).toBe(1);
    // What the API answers for the same filters: the one failed request.
    const same = await api.usageLogs.list({
      params: { tenantId },
      query: { model: "openai/gpt-4o", status: "error" },
    });
    expect(same.items.map((r) => r.id)).toEqual([ids.failed]);

    // The row opens the request's detail; both failed attempts on the waterfall.
    await rows(page).first().click();
    await page.waitForURL(new RegExp(`/logs/${ids.failed}`));
    await expect.poll(() => page.getByTestId("attempt-row").count()).toBe(2);
    const bars = await page.getByTestId("attempt-row").allTextContents();
    expect(bars.every((t) => /500/.test(t) && /upstream_error/.test(t))).toBe(true);
    await page.getByRole("link", { name: /Back to the logs/ }).click();
    await expect.poll(() => new URL(page.url()).searchParams.get("status")).toBe("error");
    // A filter nothing matches says what to do next.
    await page.goto(`${gh.url}/t/${tenantId}/logs?model=no-such-model`);
    await expect.poll(() => page.getByTestId("empty-state").textContent()).toMatch(/Widen the time range/);
    await context.close();
  }, 60_000);

  it("shows a request's attempt waterfall at its shareable URL: a 503, then the retry that served it", async () => {
    const { context, page } = await newUserPage(browser);
    await signIn(page, gh.url, gh.admin.email, gh.admin.password);
    await page.goto(`${gh.url}/t/${tenantId}/logs/${ids.retried}`);
    await expect.poll(() => page.getByTestId("attempt-row").count()).toBe(2);
    const [first, second] = await page.getByTestId("attempt-row").allTextContents();
    expect(first).toMatch(/503/);
    expect(second).toMatch(/200/);
    expect(await page.getByTestId("request-id").textContent()).toBe(ids.retried);
    await expect.poll(() => page.getByTestId("token-table").textContent()).toMatch(/Input\d+/);
    // The API's record carries what the bars are drawn from: start offsets in order and durations.
    const detail = await api.usageLogs.get({ params: { tenantId, requestId: ids.retried! } });
    const attempts = detail.attempts as Array<{ atMs: number; ms: number; status: number; error?: string }>;
    expect(attempts.map((a) => a.status)).toEqual([503, 200]);
    expect(attempts[0]!.error).toBe("upstream_overloaded");
    expect(attempts[1]!.atMs).toBeGreaterThanOrEqual(attempts[0]!.atMs + attempts[0]!.ms);
    await screenshots(page, "log-detail");
    // An unknown request answers in place, never a blank page.
    await page.goto(`${gh.url}/t/${tenantId}/logs/req_does_not_exist`);
    await expect.poll(() => page.getByRole("alert").textContent()).toMatch(/not found/i);
    await context.close();
  }, 60_000);

  it("exports the filtered log as CSV", async () => {
    const { context, page } = await newUserPage(browser);
    await signIn(page, gh.url, gh.admin.email, gh.admin.password);
    await page.goto(`${gh.url}/t/${tenantId}/logs?model=openai%2Fgpt-4o-mini`);
    await page.getByTestId("logs-ready").waitFor();
    const download = page.waitForEvent("download");
    await page.getByRole("button", { name: "Export CSV" }).click();
    const file = await (await download).path();
    const lines = readFileSync(file, "utf8").trim().split(/\r?\n/);
    expect(lines).toHaveLength(3); // the header and the two gpt-4o-mini requests
    expect(lines[0]).toContain("model");
    expect(lines.slice(1).every((l) => l.includes("openai/gpt-4o-mini"))).toBe(true);
    expect(lines.join("\n")).toContain(ids.retried);
    await context.close();
  }, 60_000);
});

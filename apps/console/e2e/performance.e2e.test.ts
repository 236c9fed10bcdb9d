import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";
import { createGatehouseClient } from "@gatehouse/sdk";
import { type FakeServer, startFakeOpenAI } from "@gatehouse/test-support";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchBrowser, newUserPage, signIn } from "./testing/browser.js";
import { type GatehouseProcess, startGatehouse } from "./testing/gatehouse-process.js";
import { SEED_MODELS, seedUsage } from "./testing/seed-usage.js";

// Speed with many usage records (issue 12: Activity ≤ 1 s, a filtered Logs page ≤ 500 ms with 1,000,000):
// measured and printed, never asserted (the machine decides). GATEHOUSE_CONSOLE_PERF=1 loads 1,000,000
// records; by default a 20,000-record run keeps the path tested in CI cheaply.
const FULL = process.env.GATEHOUSE_CONSOLE_PERF === "1";
const RECORDS = Number(process.env.GATEHOUSE_CONSOLE_PERF_RECORDS ?? (FULL ? 1_000_000 : 20_000));
const RUNS = 3;

let fake: FakeServer;
let gh: GatehouseProcess;
let browser: Browser;
let dataDir: string;
let admin: { email: string; password: string };
let tenantId: string;

beforeAll(async () => {
  fake = await startFakeOpenAI();
  dataDir = mkdtempSync(join(tmpdir(), "gatehouse-console-perf-"));
  const env = { OPENAI_BASE_URL: fake.url, OPENAI_API_KEY: "sk-perf" };
  // The first start migrates the database and creates the tenant, its key and admin; then it stops.
  const first = await startGatehouse(env, dataDir);
  admin = first.admin;
  await first.stop();
  const seeded = seedUsage({
    dbPath: join(dataDir, "gatehouse.db"),
    records: RECORDS,
    end: Date.now(),
    days: 30,
  });
  tenantId = seeded.tenantId;
  console.log(
    `seeded ${RECORDS.toLocaleString("en-US")} usage records with rollups in ${seeded.seconds.toFixed(1)} s`,
  );
  gh = await startGatehouse(env, dataDir);
  browser = await launchBrowser();
}, 600_000);
afterAll(async () => {
  await browser?.close();
  await gh?.stop();
  await fake?.close();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

/** Milliseconds from the start of a navigation to `selector` visible; undefined if it never shows. */
async function timeTo(
  page: Page,
  url: string,
  selector: string,
  timeout = 20_000,
): Promise<number | undefined> {
  const started = performance.now();
  await page.goto(url);
  try {
    await page.locator(selector).first().waitFor({ timeout });
  } catch {
    return undefined;
  }
  return Math.round(performance.now() - started);
}

const DIST = fileURLToPath(new URL("../dist", import.meta.url));

/**
 * The JavaScript this document loaded, as gzip (level 9) of the built files: the measure of the issue's
 * "first page ≤ 300 KB gzipped" (the server itself answers brotli, smaller still).
 */
async function scriptsGzipKb(page: Page): Promise<number> {
  const paths = await page.evaluate(() =>
    performance
      .getEntriesByType("resource")
      .map((e) => new URL(e.name).pathname)
      .filter((p) => p.endsWith(".js")),
  );
  const bytes = [...new Set(paths)].reduce(
    (sum, p) => sum + gzipSync(readFileSync(join(DIST, p)), { level: 9 }).length,
    0,
  );
  return Math.round(bytes / 102.4) / 10;
}

/** The last load's API calls and scripts on the page's clock (0 = navigation start), one per line. */
function timeline(page: Page): Promise<string> {
  return page.evaluate(() =>
    (performance.getEntriesByType("resource") as PerformanceResourceTiming[])
      .filter((e) => e.name.includes("/api/") || e.name.endsWith(".js"))
      .map(
        (e) =>
          `${new URL(e.name).pathname.replace(/^.*\/(api|assets)\//, "$1/")} ${Math.round(e.startTime)}–${Math.round(e.responseEnd)}`,
      )
      .join("\n"),
  );
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

describe(`console speed with ${RECORDS.toLocaleString("en-US")} usage records`, () => {
  it("times the Activity page and a filtered Logs page (printed, not asserted)", async () => {
    // Without the service worker: every load as a first visit's would be, the network's bytes counted.
    const { context, page } = await newUserPage(browser, { serviceWorkers: "block" });
    const results: string[] = [];
    await page.goto(`${gh.url}/sign-in`);
    await page.getByRole("button", { name: "Sign in" }).waitFor();
    results.push(`sign-in page JavaScript: ${await scriptsGzipKb(page)} KB gzip`);
    await signIn(page, gh.url, admin.email, admin.password);

    // Activity is another group's page: measured only when this tree has it.
    const activity: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      // Without the page the console answers "Page not found": no waiting for a timeout.
      const ready = '[data-testid="activity-ready"]';
      const ms = await timeTo(
        page,
        `${gh.url}/t/${tenantId}/activity`,
        `${ready}, h2:text("Page not found")`,
      );
      if (ms === undefined || (await page.locator(ready).count()) === 0) break;
      activity.push(ms);
    }
    if (activity.length > 0) results.push(`Activity page JavaScript: ${await scriptsGzipKb(page)} KB gzip`);
    if (activity.length > 0 && process.env.GATEHOUSE_CONSOLE_PERF_TIMELINE === "1")
      console.log(await timeline(page));
    results.push(
      activity.length === 0
        ? "Activity: skipped (no activity-ready page in this tree)"
        : `Activity to activity-ready: ${activity.join(", ")} ms (median ${median(activity)} ms)`,
    );

    const model = SEED_MODELS[0];
    const logsUrl = `${gh.url}/t/${tenantId}/logs?model=${encodeURIComponent(model)}&status=error`;
    // The page's own clock too: navigation start to the rows in the DOM (no test-driver polling in it).
    await page.addInitScript(() => {
      const w = window as unknown as { logsReadyAt?: number; clickAt?: number };
      document.addEventListener("click", () => (w.clickAt = performance.now()), true);
      const replace = history.replaceState.bind(history);
      history.replaceState = (...args: Parameters<History["replaceState"]>) => {
        (w as { urlAt?: number }).urlAt = performance.now();
        replace(...args);
      };
      new MutationObserver(() => {
        if (w.logsReadyAt === undefined && document.querySelector('[data-testid="logs-ready"]'))
          w.logsReadyAt = Math.round(performance.now());
      }).observe(document, { childList: true, subtree: true, attributes: true });
    });
    const pageClock: number[] = [];
    const logs: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      const ms = await timeTo(page, logsUrl, '[data-testid="logs-ready"]');
      expect(ms, "the filtered Logs page renders its rows").toBeDefined();
      logs.push(ms!);
      pageClock.push(await page.evaluate(() => (window as unknown as { logsReadyAt: number }).logsReadyAt));
    }
    // What the browser fetched for the Logs page's JavaScript (compressed, as served).
    const jsKb = await page.evaluate(
      () =>
        performance
          .getEntriesByType("resource")
          .filter((e) => e.name.endsWith(".js"))
          .reduce((sum, e) => sum + (e as PerformanceResourceTiming).encodedBodySize, 0) / 1024,
    );
    results.push(`Logs page JavaScript as served (compressed): ${jsKb.toFixed(1)} KB`);
    // Where the last load's time went (the page's own clock, 0 = navigation start).
    const split = await page.evaluate(() => {
      const res = performance.getEntriesByType("resource") as PerformanceResourceTiming[];
      const log = res.find((e) => /\/usage\/logs\?/.test(e.name));
      const scripts = res.filter((e) => e.name.endsWith(".js"));
      const timeline = res
        .filter((e) => e.name.includes("/api/") || e.name.endsWith(".js"))
        .map(
          (e) =>
            `${new URL(e.name).pathname.replace(/^.*\/(api|assets)\//, "$1/")} ${Math.round(e.startTime)}–${Math.round(e.responseEnd)}`,
        );
      return {
        timeline,
        scriptsDone: Math.round(Math.max(...scripts.map((e) => e.responseEnd))),
        logSent: Math.round(log?.startTime ?? -1),
        logAnswered: Math.round(log?.responseEnd ?? -1),
        now: Math.round(performance.now()),
      };
    });
    results.push(
      `last load: scripts fetched by ${split.scriptsDone} ms, usageLogs.list sent at ${split.logSent} ms, answered at ${split.logAnswered} ms (page clock)`,
    );
    if (process.env.GATEHOUSE_CONSOLE_PERF_TIMELINE === "1") console.log(split.timeline.join("\n"));
    const rows = await page.getByTestId("log-row").count();
    expect(rows).toBeGreaterThan(0);
    results.push(
      `Logs (model=${model}&status=error, ${rows} rows) to logs-ready: ${logs.join(", ")} ms (median ${median(logs)} ms)`,
    );
    results.push(
      `  same loads on the page's clock (navigation start to rows in the DOM): ${pageClock.join(", ")} ms (median ${median(pageClock)} ms)`,
    );

    // In the page (no reload): another filter chosen, to its rows rendered.
    const inPage: number[] = [];
    for (const status of ["Success", "Error", "Success"]) {
      await page.getByRole("combobox", { name: "Status" }).click();
      const option = page.getByRole("option", { name: status });
      await option.hover(); // the list's opening transition is not the filter's time
      const s = performance.now();
      await option.click();
      // The rows of the new filter rendered (the old rows stay, marked for the old status, while fetching).
      const marked = `[data-status="${status.toLowerCase()}"]`;
      await page
        .locator(`[data-testid="logs-ready"]${marked}, [data-testid="logs-empty"]${marked}`)
        .first()
        .waitFor();
      inPage.push(Math.round(performance.now() - s));
      if (process.env.GATEHOUSE_CONSOLE_PERF_TIMELINE === "1") {
        const t = await page.evaluate(() => {
          const at = (window as unknown as { clickAt: number }).clickAt;
          const log = (performance.getEntriesByType("resource") as PerformanceResourceTiming[])
            .filter((e) => /\/usage\/logs\?/.test(e.name))
            .at(-1)!;
          const urlAt = (window as unknown as { urlAt: number }).urlAt;
          return [log.startTime - at, log.responseEnd - at, performance.now() - at, urlAt - at].map(
            Math.round,
          );
        });
        console.log(
          `${status}: URL changed +${t[3]} ms, list sent +${t[0]} ms, answered +${t[1]} ms, checked +${t[2]} ms after the click`,
        );
      }
    }
    results.push(
      `Logs, another status chosen in the page, to its rows: ${inPage.join(", ")} ms (median ${median(inPage)} ms)`,
    );

    // The same filter from the API alone: the server's share of the page's time.
    const client = createGatehouseClient({ baseUrl: gh.url });
    await client.auth.logIn({ body: { email: admin.email, password: admin.password } });
    const api: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      const s = performance.now();
      const now = Date.now();
      await client.usageLogs.list({
        params: { tenantId },
        query: { model, status: "error", from: now - 86_400_000, to: now, limit: 50 },
      });
      api.push(Math.round(performance.now() - s));
    }
    results.push(`usageLogs.list, same filter, API only: ${api.join(", ")} ms (median ${median(api)} ms)`);
    console.log(
      `\nconsole performance, ${RECORDS.toLocaleString("en-US")} records (full page loads, ${RUNS} runs):\n  ${results.join("\n  ")}\n`,
    );
    await context.close();
  }, 300_000);
});

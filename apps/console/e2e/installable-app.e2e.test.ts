import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchBrowser, newUserPage, signIn } from "./testing/browser.js";
import { type GatehouseProcess, startGatehouse } from "./testing/gatehouse-process.js";

// The console as an installable app (docs/chat.md, Installable app): a manifest whose start page opens the
// chat, icons, and a service worker that opens the app offline — in a real browser against the real server.
let gh: GatehouseProcess;
let browser: Browser;

beforeAll(async () => {
  gh = await startGatehouse();
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await gh?.stop();
});

interface Manifest {
  name: string;
  start_url: string;
  display: string;
  icons: { src: string; sizes: string; type: string }[];
}

describe("the installable app", () => {
  it("links a manifest with a start page, icons and a standalone display; /chat opens the chat", async () => {
    const { context, page } = await newUserPage(browser);
    await signIn(page, gh.url, gh.admin.email, gh.admin.password);
    const href = await page.locator('link[rel="manifest"]').getAttribute("href");
    const res = await fetch(new URL(href!, gh.url));
    expect(res.headers.get("content-type")).toBe("application/manifest+json");
    const manifest = (await res.json()) as Manifest;
    expect(manifest).toMatchObject({ name: "Gatehouse", start_url: "/chat", display: "standalone" });
    for (const size of ["192x192", "512x512"]) {
      const icon = manifest.icons.find((i) => i.sizes === size && i.type === "image/png");
      const png = await fetch(new URL(icon!.src, gh.url));
      expect(png.headers.get("content-type")).toBe("image/png");
      // PNG signature, then the IHDR width: the size the manifest says.
      const bytes = Buffer.from(await png.arrayBuffer());
      expect(bytes.subarray(1, 4).toString()).toBe("PNG");
      expect(bytes.readUInt32BE(16)).toBe(Number(size.split("x")[0]));
    }
    await page.goto(`${gh.url}${manifest.start_url}`);
    await page.waitForURL(/\/t\/[^/]+\/chat$/);
    await context.close();
  }, 60_000);

  it("opens offline from its service worker, says it is offline, and never serves the API from a cache", async () => {
    const { context, page } = await newUserPage(browser);
    await signIn(page, gh.url, gh.admin.email, gh.admin.password);
    const scope = await page.evaluate(async () => (await navigator.serviceWorker.ready).scope);
    expect(scope).toBe(`${gh.url}/`);
    // The worker controls the next load (and caches the page and its code as they come).
    await page.reload();
    await page.getByRole("navigation", { name: "Main navigation" }).waitFor();
    expect(await page.evaluate(() => navigator.serviceWorker.controller !== null)).toBe(true);

    await context.setOffline(true);
    await page.reload();
    // The app's own page, not the browser's "no internet" page: its root and the offline notice.
    await page.getByTestId("offline-banner").waitFor({ timeout: 15_000 });
    expect(await page.locator("#root").count()).toBe(1);
    // Data is never answered from the worker's cache: an API call fails while offline.
    const api = await page.evaluate(async () => {
      try {
        return (await fetch("/api/auth/me")).status;
      } catch {
        return "network error";
      }
    });
    expect(api).toBe("network error");

    await context.setOffline(false);
    await page.reload();
    await expect.poll(() => page.getByTestId("offline-banner").count()).toBe(0);
    await page.getByRole("navigation", { name: "Main navigation" }).waitFor();
    await context.close();
  }, 60_000);
});

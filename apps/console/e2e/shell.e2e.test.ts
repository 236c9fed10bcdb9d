import { type FakeServer, startFakeOpenAI } from "@gatehouse/test-support";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchBrowser, newUserPage, signIn } from "./testing/browser.js";
import { type GatehouseProcess, startGatehouse } from "./testing/gatehouse-process.js";

let fake: FakeServer;
let gh: GatehouseProcess;
let browser: Browser;

beforeAll(async () => {
  fake = await startFakeOpenAI();
  gh = await startGatehouse({ OPENAI_BASE_URL: fake.url, OPENAI_API_KEY: "sk-console" });
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await gh?.stop();
  await fake?.close();
});

describe("the console's frame, in a real browser against the real server", () => {
  it("sends a signed-out visitor to sign-in, shows a wrong password in place, signs in and back out", async () => {
    const { context, page } = await newUserPage(browser);
    await page.goto(`${gh.url}/t/some-tenant/logs?model=x`);
    await page.waitForURL(/\/sign-in\?next=/);
    await page.getByLabel("Email").fill(gh.admin.email);
    await page.getByRole("textbox", { name: /^Password/ }).fill("not the password");
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect.poll(() => page.getByRole("alert").textContent()).toMatch(/email or password/);
    expect(page.url()).toContain("/sign-in");

    await signIn(page, gh.url, gh.admin.email, gh.admin.password);
    await page.waitForURL(/\/t\/[^/]+\/activity/);
    const tenantPath = new URL(page.url()).pathname.split("/").slice(0, 3).join("/");
    // The session survives a reload (the refresh token is kept; the access token is renewed from it).
    await page.reload();
    await page.getByRole("navigation", { name: "Main navigation" }).waitFor();
    expect(page.url()).toContain(tenantPath);

    await page.getByTestId("user-menu").click();
    await page.getByRole("menuitem", { name: "Sign out" }).click();
    await page.waitForURL(/\/sign-in/);
    await page.goto(`${gh.url}${tenantPath}/activity`);
    await page.waitForURL(/\/sign-in\?next=/);
    await context.close();
  });

  it("switches between the light and the dark theme and remembers the choice", async () => {
    const { context, page } = await newUserPage(browser);
    await signIn(page, gh.url, gh.admin.email, gh.admin.password);
    const scheme = () =>
      page.evaluate(() => document.documentElement.getAttribute("data-mantine-color-scheme"));
    expect(await scheme()).toBe("light");
    await page.getByTestId("color-scheme-toggle").first().click();
    expect(await scheme()).toBe("dark");
    await page.reload();
    await page.getByRole("navigation", { name: "Main navigation" }).waitFor();
    expect(await scheme()).toBe("dark");
    await context.close();
  });

  it("shares one session across tabs: concurrent refreshes never reuse a token, and signing out signs every tab out", async () => {
    const { context, page } = await newUserPage(browser);
    await signIn(page, gh.url, gh.admin.email, gh.admin.password);
    await page.waitForURL(/\/t\/[^/]+\/activity/);
    const activity = page.url();
    // Every tab's access token is refused at once (as when it expires): both refresh at the same moment.
    await page.evaluate(() => {
      const s = JSON.parse(localStorage.getItem("gatehouse.session")!);
      localStorage.setItem(
        "gatehouse.session",
        JSON.stringify({
          ...s,
          accessToken: "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJleHBpcmVkIn0.bm90LWEtc2lnbmF0dXJl",
        }),
      );
    });
    const [tabB, tabC] = await Promise.all([context.newPage(), context.newPage()]);
    await Promise.all([tabB.goto(activity), tabC.goto(activity)]);
    // Reusing a refresh token would have ended the whole session: both tabs are signed in.
    for (const tab of [tabB, tabC]) await tab.getByRole("navigation", { name: "Main navigation" }).waitFor();
    await tabB.reload();
    await tabB.getByRole("navigation", { name: "Main navigation" }).waitFor();
    expect(tabB.url()).toBe(activity);

    await tabC.getByTestId("user-menu").click();
    await tabC.getByRole("menuitem", { name: "Sign out" }).click();
    await tabC.waitForURL(/\/sign-in/);
    await tabB.waitForURL(/\/sign-in/);
    await context.close();
  });

  it("answers a tenant the user does not belong to with an error in place, never a blank page", async () => {
    const { context, page } = await newUserPage(browser);
    await signIn(page, gh.url, gh.admin.email, gh.admin.password);
    await page.goto(`${gh.url}/t/ten_AAAAAAAAAAAAAAAAAAAA/activity`);
    await expect.poll(() => page.getByRole("alert").textContent()).toMatch(/not found/i);
    await context.close();
  });
});

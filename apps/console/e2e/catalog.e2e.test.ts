import { createGatehouseClient, GatehouseApiError } from "@gatehouse/sdk";
import { type FakeServer, type SmtpSink, startFakeOpenAI, startSmtpSink } from "@gatehouse/test-support";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchBrowser, newUserPage, screenshots, signIn } from "./testing/browser.js";
import { type GatehouseProcess, startGatehouse } from "./testing/gatehouse-process.js";

/**
 * Providers, models and routes in a real browser against the real server: an OpenAI-compatible provider
 * added through the form (a wrong key shows the failed test in place; the right one connects), a model
 * created and routed to it through the UI, a real request with the API key, the live health of its
 * deployment; a viewer sees the pages without any write button and the API refuses their writes.
 */
const UPSTREAM_KEY = "sk-team-upstream-KEY-4242";
let fake: FakeServer;
let smtp: SmtpSink;
let gh: GatehouseProcess;
let browser: Browser;

beforeAll(async () => {
  fake = await startFakeOpenAI({ apiKey: UPSTREAM_KEY });
  smtp = await startSmtpSink();
  gh = await startGatehouse({
    OPENAI_BASE_URL: fake.url,
    OPENAI_API_KEY: UPSTREAM_KEY,
    GATEHOUSE_SMTP_URL: smtp.url,
    // The fake listens on loopback: a tenant's provider may reach it only because the operator allows it.
    GATEHOUSE_ALLOWED_PRIVATE_UPSTREAMS: "127.0.0.1/32",
  });
  browser = await launchBrowser();
}, 90_000);
afterAll(async () => {
  await browser?.close();
  await gh?.stop();
  await smtp?.close();
  await fake?.close();
});

/** An SDK client signed in as `email` (to check what the API did, and to seed). */
async function apiAs(email: string, password: string) {
  const client = createGatehouseClient({ baseUrl: gh.url });
  await client.auth.logIn({ body: { email, password } });
  return client;
}

const tenantIdOf = (page: Page) => new URL(page.url()).pathname.split("/")[2]!;

describe("providers, models and routes in the console", () => {
  let tenantId = "";

  it("adds a provider through the form: a wrong key fails in place, the right one connects; credentials stay masked", async () => {
    const { context, page } = await newUserPage(browser);
    page.setDefaultTimeout(10_000);
    await signIn(page, gh.url, gh.admin.email, gh.admin.password);
    tenantId = tenantIdOf(page);
    await page.getByRole("link", { name: "Providers" }).click();
    await page.getByRole("heading", { name: "Providers" }).waitFor();

    await page.getByRole("button", { name: "Add provider" }).click();
    const dialog = page.getByRole("dialog", { name: "Add a provider" });
    await dialog.getByRole("textbox", { name: /^Name/ }).fill("team-openai");
    await dialog.getByRole("textbox", { name: /^Base URL/ }).fill(fake.url);
    await dialog.getByLabel(/^API key/).fill("sk-wrong-key-0000");
    await dialog.getByRole("button", { name: "Add provider" }).click();
    await dialog.waitFor({ state: "hidden" });
    // Saved, then tested at once: the upstream's 401 shows in the provider's row.
    const row = page.getByTestId("provider-team-openai");
    await expect
      .poll(() => row.getByTestId("connection-test").textContent(), { timeout: 15_000 })
      .toMatch(/Failed.*HTTP 401/);

    // Edit: the secret is never prefilled; typing the right key replaces it and the test connects.
    await row.getByRole("button", { name: "Edit team-openai" }).click();
    const edit = page.getByRole("dialog", { name: "Edit provider team-openai" });
    expect(await edit.getByLabel(/^API key/).inputValue()).toBe("");
    expect(await edit.textContent()).toContain("…0000");
    await edit.getByLabel(/^API key/).fill(UPSTREAM_KEY);
    await edit.getByRole("button", { name: "Save changes" }).click();
    await edit.waitFor({ state: "hidden" });
    await expect
      .poll(() => row.getByTestId("connection-test").textContent(), { timeout: 15_000 })
      .toMatch(/Connected.*HTTP 200/);
    expect(await row.textContent()).toContain("…4242");
    expect(await page.content()).not.toContain(UPSTREAM_KEY);

    // What the API holds: a tenant provider at the fake, the new credential's last four only.
    const admin = await apiAs(gh.admin.email, gh.admin.password);
    const { items } = await admin.providers.list({ params: { tenantId }, query: { limit: 50 } });
    const saved = items.find((p) => p.name === "team-openai");
    expect(saved).toMatchObject({
      kind: "openai",
      baseUrl: fake.url,
      origin: "tenant",
      credentialLastFour: "…4242",
    });
    // Disable stops routing to it (the API says so), enable restores it; the row shows which.
    await row.getByRole("button", { name: "Disable team-openai" }).click();
    await row.getByText("disabled", { exact: true }).waitFor();
    const off = await admin.providers.get({ params: { tenantId, providerId: saved!.id } });
    expect(off.disabled).toBe(true);
    await row.getByRole("button", { name: "Enable team-openai" }).click();
    await row.getByText("disabled", { exact: true }).waitFor({ state: "detached" });
    expect((await admin.providers.get({ params: { tenantId, providerId: saved!.id } })).disabled).toBe(false);
    await screenshots(page, "providers");
    await context.close();
  }, 60_000);

  it("creates a model routed to the provider through the UI, serves a real request, and shows the deployment's live health", async () => {
    const { context, page } = await newUserPage(browser);
    page.setDefaultTimeout(10_000);
    await signIn(page, gh.url, gh.admin.email, gh.admin.password);
    await page.goto(`${gh.url}/t/${tenantId}/models`);
    await page.getByRole("button", { name: "Create model" }).click();
    const dialog = page.getByRole("dialog", { name: "Create a model" });
    await dialog.getByRole("textbox", { name: /^Name/ }).fill("team-chat");
    await dialog.getByRole("textbox", { name: /^Input price/ }).fill("0.15");
    await dialog.getByRole("textbox", { name: /^Output price/ }).fill("0.60");
    await dialog.getByRole("textbox", { name: /^Context window/ }).fill("128000");
    await dialog.getByRole("checkbox", { name: "Tools" }).check();
    await dialog.getByRole("checkbox", { name: "JSON mode" }).check();
    await dialog.getByRole("combobox", { name: /^Provider/ }).click();
    await page.getByRole("option", { name: "team-openai" }).click();
    await dialog.getByRole("textbox", { name: /^Upstream model/ }).fill("gpt-4o-mini");
    await dialog.getByRole("button", { name: "Create model" }).click();
    await page.waitForURL(/\/models\/mdl_/);
    const deployment = page.getByTestId("deployment-team-openai-gpt-4o-mini");
    await expect
      .poll(() => deployment.getByTestId("health-badge").textContent(), { timeout: 15_000 })
      .toBe("Healthy");

    // A fallback group: the operator's provider, tried when the first group fails.
    await page.getByRole("combobox", { name: /^Provider/ }).click();
    await page.getByRole("option", { name: "openai", exact: true }).click();
    await page.getByRole("textbox", { name: /^Upstream model/ }).fill("gpt-4o");
    await page.getByLabel("Priority", { exact: true }).fill("1");
    await page.getByRole("button", { name: "Add deployment" }).click();
    await page.getByTestId("deployment-openai-gpt-4o").waitFor();
    expect(await page.getByText("Priority 1 · fallback 1").count()).toBe(1);

    // A real request with the API key reaches the fake under the upstream name.
    fake.requests.length = 0;
    const res = await fetch(`${gh.url}/v1/chat/completions`, {
      method: "POST",
      headers: { authorization: `Bearer ${gh.apiKey}`, "content-type": "application/json" },
      body: JSON.stringify({ model: "team-chat", messages: [{ role: "user", content: "Say hi" }] }),
    });
    expect(res.status).toBe(200);
    expect((await res.json()).choices[0].message.content).toBeTruthy();
    expect(fake.requests.some((r) => JSON.stringify(r.body ?? "").includes("gpt-4o-mini"))).toBe(true);
    // The live health refreshes without a reload: the deployment's latency is measured now.
    await expect
      .poll(() => deployment.textContent(), { timeout: 15_000 })
      .toMatch(/latency\s*\d+(\.\d+)?\s*(ms|s)/);
    await expect.poll(() => page.getByTestId("effective-input").textContent()).toBe("$0.15");
    // A tenant price (price book) wins over the model's: the effective price follows.
    await page.getByRole("textbox", { name: "Book input" }).fill("0.10");
    await page.getByRole("textbox", { name: "Book output" }).fill("0.40");
    await page.getByRole("button", { name: "Set tenant price" }).click();
    await expect.poll(() => page.getByTestId("effective-input").textContent()).toBe("$0.10");
    expect(await page.getByText("from: Tenant price book").count()).toBe(1);
    await page.getByRole("heading", { name: "team-chat" }).scrollIntoViewIfNeeded();
    await screenshots(page, "model-detail");

    // The API routed it so: the model with its price in nano-USD and its one deployment.
    const admin = await apiAs(gh.admin.email, gh.admin.password);
    const models = await admin.models.list({ params: { tenantId }, query: { limit: 50 } });
    const model = models.items.find((m) => m.name === "team-chat");
    expect(model).toMatchObject({
      inputPricePerMTok: 150_000_000,
      outputPricePerMTok: 600_000_000,
      contextWindow: 128_000,
    });
    expect(model!.capabilities).toEqual({ tools: true, json: true });
    const entry = await admin.pricing.getEntry({ params: { tenantId }, query: { model: "team-chat" } });
    expect(entry.prices).toMatchObject({ input: 100_000_000, output: 400_000_000 });
    expect(model!.deployments).toEqual([
      expect.objectContaining({ upstreamModel: "gpt-4o-mini", priority: 0 }),
      expect.objectContaining({ upstreamModel: "gpt-4o", priority: 1 }),
    ]);

    await page.getByRole("link", { name: "All models" }).click();
    await page.getByTestId("model-team-chat").waitFor();
    // Cached rows show at once and refresh in place (the deployment added since is fetched).
    await expect
      .poll(() => page.getByTestId("model-team-chat").textContent())
      .toMatch(/Tools.*JSON.*\$0\.15.*\$0\.60.*team-openai, openai.*2 healthy/);
    await screenshots(page, "models");
    await context.close();
  }, 60_000);

  it("shows a viewer the catalog without any write button; the API refuses their writes", async () => {
    const admin = await apiAs(gh.admin.email, gh.admin.password);
    await admin.invitations.create({
      params: { tenantId },
      body: { email: "vera@viewer.test", role: "viewer" },
    });
    const mail = await smtp.waitForMessage((m) => m.to.includes("vera@viewer.test"));
    const token = /#token=([A-Za-z0-9_-]+)/.exec(mail.text)![1]!;
    const password = "viewer password 123";
    const viewer = createGatehouseClient({ baseUrl: gh.url });
    await viewer.invitations.accept({ body: { token, password, name: "Vera Viewer" } });

    const { context, page } = await newUserPage(browser);
    page.setDefaultTimeout(10_000);
    await signIn(page, gh.url, "vera@viewer.test", password);
    await page.goto(`${gh.url}/t/${tenantId}/providers`);
    await page.getByTestId("provider-team-openai").waitFor();
    await page.goto(`${gh.url}/t/${tenantId}/models`);
    await page.getByTestId("model-team-chat").getByRole("link").click();
    await page.getByTestId("deployment-team-openai-gpt-4o-mini").waitFor();
    await page.getByTestId("health-badge").first().waitFor();
    expect(
      await page
        .getByRole("button", { name: /Add deployment|Save settings|Delete model|Remove deployment/ })
        .count(),
    ).toBe(0);
    for (const path of ["providers", "models"]) {
      await page.goto(`${gh.url}/t/${tenantId}/${path}`);
      await page.getByRole("table").waitFor();
      const buttons = await page.locator("main").getByRole("button").allTextContents();
      expect(buttons.filter((b) => /Add|Create|Test|Delete|Edit|Save|Remove|able/.test(b))).toEqual([]);
      expect(
        await page
          .locator("main")
          .getByRole("button", { name: /^(Edit|Delete|Disable|Enable) / })
          .count(),
      ).toBe(0);
    }
    const refused = await viewer.providers
      .create({ params: { tenantId }, body: { name: "sneaky", kind: "openai", baseUrl: fake.url } })
      .catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(GatehouseApiError);
    expect((refused as GatehouseApiError).status).toBe(403);
    await context.close();
  }, 60_000);
});

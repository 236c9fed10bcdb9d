import { createGatehouseClient, GatehouseApiError } from "@gatehouse/sdk";
import { type FakeServer, type SmtpSink, startFakeOllama, startSmtpSink } from "@gatehouse/test-support";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchBrowser, newUserPage, screenshots, signIn } from "./testing/browser.js";
import { type GatehouseProcess, startGatehouse } from "./testing/gatehouse-process.js";

/**
 * Local models of an Ollama provider in a real browser against the real server and the fake Ollama: the
 * list, a pull whose progress bar moves, "Add to catalog" (then the model answers chat completions), and
 * delete with a confirmation.
 */
let ollama: FakeServer;
let gh: GatehouseProcess;
let browser: Browser;
let smtp: SmtpSink;
let tenantId = "";
let providerId = "";

beforeAll(async () => {
  // Each progress line 300 ms apart, so the bar is seen moving.
  ollama = await startFakeOllama({ chunkDelayMs: 300 });
  smtp = await startSmtpSink();
  gh = await startGatehouse({
    GATEHOUSE_ALLOWED_PRIVATE_UPSTREAMS: "127.0.0.1/32",
    GATEHOUSE_SMTP_URL: smtp.url,
  });
  browser = await launchBrowser();
}, 90_000);
afterAll(async () => {
  await browser?.close();
  await gh?.stop();
  await ollama?.close();
  await smtp?.close();
});

describe("local models", () => {
  it("pulls a model with a progress bar, adds it to the catalog, deletes another", async () => {
    const { context, page } = await newUserPage(browser);
    page.setDefaultTimeout(15_000);
    await signIn(page, gh.url, gh.admin.email, gh.admin.password);
    tenantId = new URL(page.url()).pathname.split("/")[2]!;
    const api = createGatehouseClient({ baseUrl: gh.url });
    await api.auth.logIn({ body: { email: gh.admin.email, password: gh.admin.password } });
    const provider = await api.providers.create({
      params: { tenantId },
      body: { name: "workstation", kind: "ollama", baseUrl: ollama.url },
    });
    providerId = provider.id;

    await page.getByRole("link", { name: "Providers" }).click();
    await page.getByRole("button", { name: "Local models of workstation" }).click();
    const dialog = page.getByRole("dialog", { name: "Local models of workstation" });
    await dialog.getByTestId("local-model-llama3.2:latest").waitFor();
    await expect
      .poll(() => dialog.getByTestId("local-model-llama3.2:latest").textContent())
      .toContain("2.0 GB");

    await dialog.getByRole("textbox", { name: /Pull a model/ }).fill("mistral");
    await dialog.getByRole("button", { name: "Pull" }).click();
    const bar = dialog.getByRole("progressbar");
    // Seen part-way: the bar moves as the events arrive, not only at the end.
    await expect
      .poll(async () => Number(await bar.getAttribute("aria-valuenow")), {
        timeout: 10_000,
        interval: 100,
      })
      .toBeGreaterThan(0);
    expect(Number(await bar.getAttribute("aria-valuenow"))).toBeLessThan(100);
    await screenshots(page, "local-models");
    await dialog.getByText("Pulled mistral.").waitFor();
    await dialog.getByTestId("local-model-mistral:latest").waitFor();

    await dialog.getByRole("button", { name: "Add mistral:latest to catalog" }).click();
    await dialog.getByText("In the catalog as mistral:latest").waitFor();
    const models = await api.models.list({ params: { tenantId }, query: { limit: 200 } });
    const added = models.items.find((m) => m.name === "mistral:latest");
    expect(added?.deployments.map((d) => [d.providerId, d.upstreamModel])).toEqual([
      [provider.id, "mistral:latest"],
    ]);

    await dialog.getByRole("button", { name: "Delete qwen3:0.6b" }).click();
    await dialog.getByRole("button", { name: "Delete qwen3:0.6b?" }).click();
    await expect.poll(() => dialog.getByTestId("local-model-qwen3:0.6b").count()).toBe(0);
    const left = await api.ollama.listModels({ params: { tenantId, providerId: provider.id } });
    expect(left.items.map((m) => m.name)).not.toContain("qwen3:0.6b");
    await context.close();
  });

  it("shows a viewer the list without pull, delete or add buttons; the API refuses their pull", async () => {
    const admin = createGatehouseClient({ baseUrl: gh.url });
    await admin.auth.logIn({ body: { email: gh.admin.email, password: gh.admin.password } });
    await admin.invitations.create({
      params: { tenantId },
      body: { email: "vic@viewer.test", role: "viewer" },
    });
    const mail = await smtp.waitForMessage((m) => m.to.includes("vic@viewer.test"));
    const token = /#token=([A-Za-z0-9_-]+)/.exec(mail.text)![1]!;
    const password = "viewer password 123";
    const viewer = createGatehouseClient({ baseUrl: gh.url });
    await viewer.invitations.accept({ body: { token, password, name: "Vic Viewer" } });

    const { context, page } = await newUserPage(browser);
    page.setDefaultTimeout(15_000);
    await signIn(page, gh.url, "vic@viewer.test", password);
    await page.getByRole("link", { name: "Providers" }).click();
    await page.getByRole("button", { name: "Local models of workstation" }).click();
    const dialog = page.getByRole("dialog", { name: "Local models of workstation" });
    await dialog.getByTestId("local-model-llama3.2:latest").waitFor();
    expect(await dialog.getByRole("button", { name: "Pull" }).count()).toBe(0);
    expect(await dialog.getByRole("button", { name: /Add .* to catalog/ }).count()).toBe(0);
    expect(await dialog.getByRole("button", { name: /^Delete / }).count()).toBe(0);
    const refused = await collectError(
      viewer.events("ollama.pullModel", { params: { tenantId, providerId }, body: { model: "phi3" } }),
    );
    expect(refused).toBeInstanceOf(GatehouseApiError);
    expect((refused as GatehouseApiError).status).toBe(403);
    await context.close();
  });
});

/** The error reading an event stream throws, if any. */
async function collectError(events: AsyncIterable<unknown>): Promise<unknown> {
  try {
    for await (const _ of events) {
      // Nothing expected: the request is refused before the stream opens.
    }
  } catch (err) {
    return err;
  }
  return undefined;
}

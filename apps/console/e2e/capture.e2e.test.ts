import { createGatehouseClient, GatehouseApiError, type GatehouseClient } from "@gatehouse/sdk";
import { type FakeServer, type SmtpSink, startFakeOpenAI, startSmtpSink } from "@gatehouse/test-support";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchBrowser, newUserPage, screenshots, signIn } from "./testing/browser.js";
import { type GatehouseProcess, startGatehouse } from "./testing/gatehouse-process.js";

let fake: FakeServer;
let smtp: SmtpSink;
/** A request captured while capture was on (the viewer's test opens it). */
let capturedId = "";
let gh: GatehouseProcess;
let browser: Browser;
let api: GatehouseClient;
let tenantId: string;

const PROMPT = "Summarise the quarterly report in one sentence, please.";

/** One real chat request with the API key: the request id and the answer the client got. */
async function chat(stream: boolean): Promise<{ id: string; body: string }> {
  const res = await fetch(`${gh.url}/v1/chat/completions`, {
    method: "POST",
    headers: { authorization: `Bearer ${gh.apiKey}`, "content-type": "application/json" },
    body: JSON.stringify({
      model: "openai/gpt-4o-mini",
      stream,
      messages: [{ role: "user", content: PROMPT }],
    }),
  });
  expect(res.status).toBe(200);
  return { id: res.headers.get("x-gatehouse-request-id") ?? "", body: await res.text() };
}

/** Waits until the request's record is settled (the usage writer runs shortly after the answer). */
async function settled(id: string): Promise<void> {
  await expect
    .poll(
      async () =>
        (await api.usageLogs.get({ params: { tenantId, requestId: id } }).catch(() => undefined))?.status,
      { timeout: 15_000 },
    )
    .toBe("success");
}

beforeAll(async () => {
  fake = await startFakeOpenAI();
  smtp = await startSmtpSink();
  gh = await startGatehouse({
    OPENAI_BASE_URL: fake.url,
    OPENAI_API_KEY: "sk-capture",
    GATEHOUSE_SMTP_URL: smtp.url,
  });
  api = createGatehouseClient({ baseUrl: gh.url });
  await api.auth.logIn({ body: { email: gh.admin.email, password: gh.admin.password } });
  tenantId = (await api.auth.me()).memberships[0]!.tenantId;
  browser = await launchBrowser();
}, 90_000);
afterAll(async () => {
  await browser?.close();
  await gh?.stop();
  await fake?.close();
  await smtp?.close();
});

describe("prompt capture, in a real browser against the real server", () => {
  it("is turned on from the Logs page; a request's detail then shows its prompt and response", async () => {
    const before = await chat(false);
    await settled(before.id);
    const { page } = await newUserPage(browser);
    await signIn(page, gh.url, gh.admin.email, gh.admin.password);

    // Captured nothing while off: the detail has no prompt section.
    await page.goto(`${gh.url}/t/${tenantId}/logs/${before.id}`);
    await page.getByTestId("token-table").waitFor();
    expect(await page.getByTestId("capture-panel").count()).toBe(0);

    await page.goto(`${gh.url}/t/${tenantId}/logs`);
    const toggle = page.getByRole("switch", { name: "Capture prompts: off" });
    await toggle.waitFor();
    expect(await page.getByText("Stores request and response bodies, encrypted").count()).toBe(1);
    await toggle.click({ force: true });
    await page.getByRole("switch", { name: "Capture prompts: on" }).waitFor();
    expect(await api.capture.get({ params: { tenantId } })).toMatchObject({ enabled: true });
    await screenshots(page, "log-capture-switch");

    const plain = await chat(false);
    const streamed = await chat(true);
    await settled(plain.id);
    await settled(streamed.id);
    capturedId = plain.id;
    const answer = (JSON.parse(plain.body) as { choices: Array<{ message: { content: string } }> })
      .choices[0]!.message.content;

    await page.goto(`${gh.url}/t/${tenantId}/logs/${plain.id}`);
    const panel = page.getByTestId("capture-panel");
    await panel.waitFor({ timeout: 15_000 });
    await expect.poll(() => panel.getByLabel("Request body").textContent()).toContain(PROMPT);
    await expect.poll(() => panel.getByLabel("Response body").textContent()).toContain(answer);
    await panel.scrollIntoViewIfNeeded();
    await screenshots(page, "log-capture");

    await page.goto(`${gh.url}/t/${tenantId}/logs/${streamed.id}`);
    await page.getByTestId("capture-panel").waitFor({ timeout: 15_000 });
    await expect
      .poll(() => page.getByTestId("capture-panel").getByLabel("Response stream").textContent())
      .toContain("[DONE]");
    expect(await page.getByTestId("capture-panel").getByLabel("Request body").textContent()).toContain(
      PROMPT,
    );
  }, 90_000);

  it("shows a viewer neither the switch nor the prompt; the API answers them 404", async () => {
    expect(capturedId).not.toBe("");
    await api.invitations.create({
      params: { tenantId },
      body: { email: "vic@viewer.test", role: "viewer" },
    });
    const mail = await smtp.waitForMessage((m) => m.to.includes("vic@viewer.test"));
    const token = /#token=([A-Za-z0-9_-]+)/.exec(mail.text)![1]!;
    const password = "viewer password 123";
    const viewer = createGatehouseClient({ baseUrl: gh.url });
    await viewer.invitations.accept({ body: { token, password, name: "Vic Viewer" } });
    const refused = await viewer.usageLogs
      .capture({ params: { tenantId, requestId: capturedId } })
      .catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(GatehouseApiError);
    expect((refused as GatehouseApiError).status).toBe(404);

    const { context, page } = await newUserPage(browser);
    await signIn(page, gh.url, "vic@viewer.test", password);
    await page.goto(`${gh.url}/t/${tenantId}/logs`);
    await page.getByTestId("logs-ready").waitFor();
    expect(await page.getByRole("switch", { name: /Capture prompts/ }).count()).toBe(0);
    await page.goto(`${gh.url}/t/${tenantId}/logs/${capturedId}`);
    await page.getByTestId("token-table").waitFor();
    expect(await page.getByTestId("capture-panel").count()).toBe(0);
    await context.close();
  }, 60_000);
});

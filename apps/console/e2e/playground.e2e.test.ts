import { createGatehouseClient } from "@gatehouse/sdk";
import { type FakeServer, fakeReplyText, startFakeOpenAI } from "@gatehouse/test-support";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchBrowser, newUserPage, screenshots, signIn } from "./testing/browser.js";
import { type GatehouseProcess, startGatehouse } from "./testing/gatehouse-process.js";

let fake: FakeServer;
let gh: GatehouseProcess;
let browser: Browser;

const CHUNKS = 8;
const FULL = fakeReplyText("openai", CHUNKS);

beforeAll(async () => {
  fake = await startFakeOpenAI({ chunks: CHUNKS, chunkDelayMs: 30 });
  gh = await startGatehouse({ OPENAI_BASE_URL: fake.url, OPENAI_API_KEY: "sk-x" });
  browser = await launchBrowser();
}, 60_000);
afterAll(async () => {
  await browser?.close();
  await gh?.stop();
  await fake?.close();
});

describe("the playground, in a real browser against the real server", () => {
  it("streams a markdown answer with its tokens and cost, compares two models, shows the request as code", async () => {
    const { context, page } = await newUserPage(browser);
    await signIn(page, gh.url, gh.admin.email, gh.admin.password);
    const tenantPath = new URL(page.url()).pathname.split("/").slice(0, 3).join("/");
    await page.goto(`${gh.url}${tenantPath}/playground?model=openai/gpt-4o-mini`);
    await page.getByRole("heading", { name: "Playground" }).waitFor();

    await page.getByRole("textbox", { name: "System prompt" }).fill("You answer briefly.");
    await page
      .getByRole("textbox", { name: /^Message/ })
      .fill("Explain this:\n\n```python\nprint('hi')\n```");
    // Partial text must show while the answer is still streaming (watched in the page, every frame).
    const sawPartial = page.waitForFunction(
      () => {
        const m = document.querySelector('[data-testid="assistant-message"][data-partial="true"]');
        return m !== null && /Hello/.test(m.textContent ?? "");
      },
      undefined,
      { polling: "raf", timeout: 15_000 },
    );
    await page.getByRole("button", { name: "Send" }).click();
    await sawPartial;
    const answer = page.getByTestId("assistant-message").first();
    await expect.poll(() => answer.getAttribute("data-partial"), { timeout: 15_000 }).toBe("false");
    expect(await answer.getByTestId("markdown").locator("p").textContent()).toBe(FULL);
    // The user's code block is rendered as markdown, highlighted.
    const code = page.getByTestId("user-message").locator("pre code.hljs");
    expect(await code.textContent()).toContain("print('hi')");
    expect(await code.locator("span").count()).toBeGreaterThan(0);
    await expect
      .poll(() => answer.getByTestId("answer-tokens").textContent(), { timeout: 10_000 })
      .toMatch(/\d+ in · 8 out tokens/);
    await expect
      .poll(() => answer.getByTestId("answer-cost").textContent(), { timeout: 15_000 })
      .toMatch(/Cost \$/);

    // The API: the answer was metered to the admin through their playground key.
    const api = createGatehouseClient({ baseUrl: gh.url });
    const me = await api.auth.logIn({ body: { email: gh.admin.email, password: gh.admin.password } });
    const tenantId = tenantPath.split("/")[2]!;
    const keys = await api.keys.list({ params: { tenantId }, query: { status: "active" } });
    const playgroundKey = keys.items.find((k) => k.metadata["gatehouse:purpose"] === "playground");
    expect(playgroundKey?.userId).toBe(me.user.id);
    const logs = await api.usageLogs.list({ params: { tenantId } });
    const record = logs.items.find((r) => r.apiKeyId === playgroundKey?.id);
    expect(record).toMatchObject({
      model: "openai/gpt-4o-mini",
      userId: me.user.id,
      stream: true,
      outputTokens: 8,
    });

    // A second turn carries the conversation: system, user, assistant, user.
    await page.getByRole("textbox", { name: /^Message/ }).fill("And in one word?");
    await page.getByRole("button", { name: "Send" }).click();
    await expect
      .poll(() => page.getByTestId("assistant-message").nth(1).getAttribute("data-partial"))
      .toBe("false");
    const sent = fake.requests.at(-1)?.json as { messages: { role: string; content: string }[] };
    expect(sent.messages.map((m) => m.role)).toEqual(["system", "user", "assistant", "user"]);
    expect(sent.messages[2]?.content).toBe(FULL);
    await expect.poll(() => settledCosts(page), { timeout: 15_000 }).toBe(2);
    await screenshots(page, "playground");

    // Side by side: the same prompt to two models, streamed in parallel.
    await page.getByRole("button", { name: "Clear" }).click();
    await page.getByRole("switch", { name: "Compare two models" }).click({ force: true });
    await expect.poll(() => page.getByRole("switch", { name: "Compare two models" }).isChecked()).toBe(true);
    await page.getByTestId("model-b").fill("openai/gpt-4o");
    await expect.poll(() => page.url()).toContain("with=openai%2Fgpt-4o");
    await page.getByRole("textbox", { name: /^Message/ }).fill("Which of you is faster?");
    await page.getByRole("button", { name: "Send" }).click();
    const panes = page.getByTestId("assistant-message");
    await expect.poll(() => panes.count(), { timeout: 10_000 }).toBe(2);
    await expect
      .poll(async () => (await panes.allTextContents()).filter((t) => t.includes(FULL)).length, {
        timeout: 15_000,
      })
      .toBe(2);
    expect(await page.getByTestId("pane-model").allTextContents()).toEqual([
      "openai/gpt-4o-mini",
      "openai/gpt-4o",
    ]);
    await expect.poll(() => settledCosts(page), { timeout: 15_000 }).toBe(2);
    await screenshots(page, "playground-compare");

    // View as code: curl with the model and a placeholder for the key, never a secret.
    await page.getByRole("button", { name: "View as code" }).click();
    const curl = await page.getByTestId("snippet-curl").textContent();
    expect(curl).toContain(`${gh.url}/v1/chat/completions`);
    expect(curl).toContain('"model": "openai/gpt-4o-mini"');
    expect(curl).toContain("You answer briefly.");
    expect(curl).toContain("$GATEHOUSE_API_KEY");
    expect(curl).not.toMatch(/gh_[A-Za-z0-9]/);
    await page.getByRole("tab", { name: "Gemini Python" }).click();
    expect(await page.getByTestId("snippet-gemini").textContent()).toContain("generate_content");
    await context.close();
  }, 120_000);

  it("sends tool definitions and shows the tool call the model returns", async () => {
    const { context, page } = await newUserPage(browser);
    await signIn(page, gh.url, gh.admin.email, gh.admin.password);
    const tenantPath = new URL(page.url()).pathname.split("/").slice(0, 3).join("/");
    await page.goto(`${gh.url}${tenantPath}/playground?model=openai/gpt-4o-mini`);
    await page.getByRole("button", { name: "Insert an example tool" }).click();
    await page.getByRole("textbox", { name: /^Message/ }).fill("Please call tool for Paris");
    await page.getByRole("button", { name: "Send" }).click();
    const call = page.getByTestId("tool-call");
    await call.waitFor({ timeout: 15_000 });
    expect(await call.textContent()).toContain("Tool call: get_weather");
    await expect.poll(() => call.locator("code, pre").first().textContent()).toContain('"q"');
    await context.close();
  }, 60_000);

  it("sends through the Responses API: streams the answer, metered as the responses surface, shown as code", async () => {
    const { context, page } = await newUserPage(browser);
    await signIn(page, gh.url, gh.admin.email, gh.admin.password);
    const tenantPath = new URL(page.url()).pathname.split("/").slice(0, 3).join("/");
    await page.goto(`${gh.url}${tenantPath}/playground?model=openai/gpt-4o-mini`);
    await page.getByRole("heading", { name: "Playground" }).waitFor();
    await page.getByText("Responses", { exact: true }).click();
    await page.getByText("POST /v1/responses (client.responses.create)").waitFor();
    await page.getByRole("textbox", { name: "System prompt" }).fill("You answer briefly.");
    await page.getByRole("textbox", { name: /^Message/ }).fill("Hello through Responses");
    await page.getByRole("button", { name: "Send" }).click();
    const answer = page.getByTestId("assistant-message").first();
    await expect.poll(() => answer.getAttribute("data-partial"), { timeout: 15_000 }).toBe("false");
    expect(await answer.getByTestId("markdown").locator("p").textContent()).toBe(FULL);
    await expect
      .poll(() => answer.getByTestId("answer-tokens").textContent(), { timeout: 10_000 })
      .toMatch(/\d+ in · 8 out tokens/);
    // The gateway converted it for the Chat Completions upstream: the system prompt came as instructions.
    const sent = fake.requests.at(-1)?.json as { messages: { role: string; content: string }[] };
    expect(sent.messages[0]).toMatchObject({ role: "system", content: "You answer briefly." });

    const api = createGatehouseClient({ baseUrl: gh.url });
    await api.auth.logIn({ body: { email: gh.admin.email, password: gh.admin.password } });
    const tenantId = tenantPath.split("/")[2]!;
    await expect
      .poll(
        async () => {
          const logs = await api.usageLogs.list({ params: { tenantId } });
          return logs.items.find((r) => r.surface === "responses" && r.status === "success")?.outputTokens;
        },
        { timeout: 10_000 },
      )
      .toBe(8);

    await page.getByRole("button", { name: "View as code" }).click();
    const curl = await page.getByTestId("snippet-curl").textContent();
    expect(curl).toContain(`${gh.url}/v1/responses`);
    expect(curl).toContain('"instructions": "You answer briefly."');
    await page.getByRole("tab", { name: "OpenAI JS" }).click();
    expect(await page.getByTestId("snippet-openai-js").textContent()).toContain("client.responses.create(");
    await context.close();
  }, 60_000);

  it("stops a slow answer mid-stream and keeps what came", async () => {
    const { context, page } = await newUserPage(browser);
    await signIn(page, gh.url, gh.admin.email, gh.admin.password);
    const tenantPath = new URL(page.url()).pathname.split("/").slice(0, 3).join("/");
    await page.goto(`${gh.url}${tenantPath}/playground?model=openai/gpt-4o-mini`);
    fake.setMode("slow", 1); // a second between chunks
    await page.getByRole("textbox", { name: /^Message/ }).fill("Take your time");
    await page.getByRole("button", { name: "Send" }).click();
    const answer = page.getByTestId("assistant-message").first();
    await expect.poll(() => answer.textContent(), { timeout: 10_000 }).toContain("Hello");
    await page.getByRole("button", { name: "Stop" }).click();
    await expect.poll(() => answer.getAttribute("data-partial")).toBe("false");
    expect(await answer.textContent()).toContain("Stopped");
    expect(await answer.textContent()).not.toContain(FULL);
    await page.getByRole("button", { name: "Send" }).waitFor();
    await context.close();
  }, 60_000);
});

/** How many answers show their settled cost. */
async function settledCosts(page: Page): Promise<number> {
  return (await page.getByTestId("answer-cost").allTextContents()).filter((t) => t.includes("Cost $")).length;
}

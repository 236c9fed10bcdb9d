import { createGatehouseClient, type GatehouseClient } from "@gatehouse/sdk";
import { type FakeServer, fakeReplyText, startFakeOpenAI } from "@gatehouse/test-support";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchBrowser, newUserPage, screenshots, signIn } from "./testing/browser.js";
import { type GatehouseProcess, startGatehouse } from "./testing/gatehouse-process.js";

// Tools in chat presets, in a real browser against the real server (SQLite) and a fake OpenAI that calls
// the first declared tool when the question says "call tool", and answers a tool result with text.
const CHUNKS = 6;
const MODEL = "openai/gpt-4o-mini";

let fake: FakeServer;
let gh: GatehouseProcess;
let browser: Browser;
let admin: GatehouseClient;
let tenantId: string;
let workspaceId: string;

beforeAll(async () => {
  fake = await startFakeOpenAI({ chunks: CHUNKS, chunkDelayMs: 20 });
  gh = await startGatehouse({ OPENAI_BASE_URL: fake.url, OPENAI_API_KEY: "sk-x" });
  admin = createGatehouseClient({ baseUrl: gh.url });
  await admin.auth.logIn({ body: { email: gh.admin.email, password: gh.admin.password } });
  tenantId = (await admin.tenants.list({})).items[0]!.id;
  workspaceId = (await admin.workspaces.list({ params: { tenantId } })).items[0]!.id;
  const provider = (await admin.providers.list({ params: { tenantId } })).items[0]!;
  const model = await admin.models.create({
    params: { tenantId },
    body: { name: MODEL, contextWindow: 128_000, capabilities: { tools: true } },
  });
  await admin.models.addDeployment({
    params: { tenantId, modelId: model.id },
    body: { providerId: provider.id, upstreamModel: "gpt-4o-mini" },
  });
  browser = await launchBrowser();
}, 120_000);
afterAll(async () => {
  await browser?.close();
  await gh?.stop();
  await fake?.close();
});

describe("tools in chat presets, in a real browser against the real server", () => {
  it("makes a preset with a tool, starts a chat from it, answers the model's call and gets the answer", async () => {
    const { page } = await newUserPage(browser);
    await signIn(page, gh.url, gh.admin.email, gh.admin.password);

    // The preset, with its tool, through the page's form: a problem is shown in place.
    await page.getByRole("link", { name: "Presets" }).click();
    await page.getByRole("heading", { name: "Presets", exact: true }).waitFor();
    await page.getByRole("button", { name: "New preset" }).first().click();
    const dialog = page.getByRole("dialog", { name: "New preset" });
    await dialog.getByRole("textbox", { name: "Name" }).fill("Weather helper");
    await dialog.getByRole("textbox", { name: "Model" }).fill(MODEL);
    await dialog.getByRole("textbox", { name: "System prompt" }).fill("Use the tools to answer.");
    const tools = dialog.getByRole("textbox", { name: "Tools (JSON)" });
    await tools.fill('[{"type":"function","function":{"name":"bad name"}}]');
    await dialog.getByText("Tool 1, function.name: A tool name is 1–64 letters").waitFor();
    expect(await dialog.getByRole("button", { name: "Create preset" }).isDisabled()).toBe(true);
    await tools.fill("");
    await dialog.getByRole("button", { name: "Add example" }).click();
    expect(JSON.parse(await tools.inputValue())[0].function.name).toBe("get_weather");
    await dialog.getByRole("button", { name: "Create preset" }).click();
    await dialog.waitFor({ state: "hidden" });
    const row = page.getByTestId("presets-table").getByRole("row", { name: /Weather helper/ });
    await row.getByTestId("preset-tools").getByText("1 tool: get_weather").waitFor();

    // A chat from it: the question makes the model call the tool.
    await row.getByRole("link", { name: "Start chat" }).click();
    const message = page.getByRole("textbox", { name: "Message", exact: true });
    await message.fill("Please call tool: the weather in Lisbon?");
    await message.press("Enter");
    const callCard = page.getByTestId("tool-call");
    await callCard.waitFor({ timeout: 20_000 });
    expect(await callCard.textContent()).toContain("get_weather");
    expect(await callCard.getByTestId("tool-call-arguments").textContent()).toBe('{\n  "q": "x"\n}');
    const first = fake.requests.at(-1)!.json as Record<string, unknown>;
    expect(first).toMatchObject({ tool_choice: "auto", tools: [{ function: { name: "get_weather" } }] });

    // The member gives the result; the next answer is asked by itself and answers with text.
    await callCard.getByRole("textbox", { name: "Result of get_weather" }).fill('{"temperature": 21}');
    await callCard.getByRole("button", { name: "Send result" }).click();
    await page.getByTestId("tool-result").waitFor();
    const final = page.getByTestId("assistant-message").nth(1);
    await expect
      .poll(() => final.textContent().catch(() => ""), { timeout: 20_000 })
      .toContain(fakeReplyText("openai", CHUNKS));
    expect(await page.getByRole("button", { name: "Send result" }).count()).toBe(0);
    const sent = fake.requests.at(-1)!.json as { messages: Record<string, unknown>[] };
    const [assistant, tool] = sent.messages.slice(-2);
    const callId = (assistant!.tool_calls as { id: string }[])[0]!.id;
    expect(assistant).toMatchObject({
      role: "assistant",
      content: null,
      tool_calls: [{ type: "function", function: { name: "get_weather", arguments: '{"q":"x"}' } }],
    });
    expect(tool).toEqual({ role: "tool", tool_call_id: callId, content: '{"temperature": 21}' });

    // Stored as the tree says: question, the call, its result, the answer.
    const list = await admin.conversations.list({ params: { tenantId, workspaceId } });
    const c = await admin.conversations.get({
      params: { tenantId, workspaceId, conversationId: list.items[0]!.id },
    });
    expect(c.messages.map((m) => m.role)).toEqual(["user", "assistant", "tool", "assistant"]);
    await screenshots(page, "chat-tools");
  }, 120_000);
});

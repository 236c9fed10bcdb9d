import { readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";
import { createGatehouseClient, type GatehouseClient } from "@gatehouse/sdk";
import {
  type FakeServer,
  fakeReplyText,
  type SmtpSink,
  startFakeOpenAI,
  startSmtpSink,
} from "@gatehouse/test-support";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchBrowser, newUserPage, screenshots, signIn } from "./testing/browser.js";
import { type GatehouseProcess, startGatehouse } from "./testing/gatehouse-process.js";

// The chat workspace in a real browser against the real server (SQLite) and a fake OpenAI, as a member
// of the workspace (not an admin): every answer goes through the data plane with the member's key.
const CHUNKS = 8;
const FULL = fakeReplyText("openai", CHUNKS);
const MODEL = "openai/gpt-4o-mini";
const MEMBER = { email: "mia@chat.test", password: "member-password-1" };

let fake: FakeServer;
let smtp: SmtpSink;
let gh: GatehouseProcess;
let browser: Browser;
let admin: GatehouseClient;
let member: GatehouseClient;
let memberId: string;
let modelId: string;
let tenantId: string;
let workspaceId: string;
let page: Page;

beforeAll(async () => {
  fake = await startFakeOpenAI({ chunks: CHUNKS, chunkDelayMs: 30 });
  smtp = await startSmtpSink();
  gh = await startGatehouse({
    OPENAI_BASE_URL: fake.url,
    OPENAI_API_KEY: "sk-x",
    GATEHOUSE_SMTP_URL: smtp.url,
  });
  admin = createGatehouseClient({ baseUrl: gh.url });
  await admin.auth.logIn({ body: { email: gh.admin.email, password: gh.admin.password } });
  tenantId = (await admin.tenants.list({})).items[0]!.id;
  workspaceId = (await admin.workspaces.list({ params: { tenantId } })).items[0]!.id;
  // A concrete, priced model (the wildcard openai/* routes any name but lists none).
  const provider = (await admin.providers.list({ params: { tenantId } })).items[0]!;
  const model = await admin.models.create({
    params: { tenantId },
    body: {
      name: MODEL,
      inputPricePerMTok: 150_000_000,
      outputPricePerMTok: 600_000_000,
      contextWindow: 128_000,
      capabilities: { tools: true, json: true },
    },
  });
  modelId = model.id;
  await admin.models.addDeployment({
    params: { tenantId, modelId: model.id },
    body: { providerId: provider.id, upstreamModel: "gpt-4o-mini" },
  });
  await admin.invitations.create({
    params: { tenantId },
    body: { email: MEMBER.email, role: "member", workspaceId, workspaceRole: "member" },
  });
  const mail = await smtp.waitForMessage((m) => m.to.includes(MEMBER.email), 10_000);
  const token = /#token=([A-Za-z0-9_-]+)/.exec(mail.text)?.[1] as string;
  member = createGatehouseClient({ baseUrl: gh.url });
  memberId = (await member.invitations.accept({ body: { token, name: "Mia", password: MEMBER.password } }))
    .user.id;
  browser = await launchBrowser();
  ({ page } = await newUserPage(browser));
  await signIn(page, gh.url, MEMBER.email, MEMBER.password);
}, 120_000);
afterAll(async () => {
  await browser?.close();
  await gh?.stop();
  await smtp?.close();
  await fake?.close();
});

const message = () => page.getByRole("textbox", { name: "Message", exact: true });
const answers = () => page.getByTestId("assistant-message");
/**
 * Waits until `count` answers are shown and none is streaming (one condition: both at once). A timeout
 * names the page and what its conversation pane showed (a refusal, a disabled composer), not just the count.
 */
async function answered(count: number) {
  try {
    await answeredWithin(count);
  } catch (err) {
    const pane = await page.evaluate(() => document.querySelector("main")?.textContent ?? "").catch(() => "");
    const composer = await message()
      .isEnabled()
      .catch(() => undefined);
    const draft = await message()
      .inputValue()
      .catch(() => undefined);
    throw new Error(
      `${(err as Error).message}\nat ${page.url()}, composer enabled: ${composer}, its text: ${JSON.stringify(draft)}, pane: ${pane.slice(0, 1000)}`,
    );
  }
}
async function answeredWithin(count: number) {
  await expect
    .poll(
      () =>
        page.evaluate(() => {
          const all = document.querySelectorAll('[data-testid="assistant-message"]');
          const streaming = document.querySelectorAll('[data-partial="true"]').length;
          return streaming === 0 ? all.length : -1;
        }),
      { timeout: 20_000 },
    )
    .toBe(count);
}
const DIST = fileURLToPath(new URL("../dist", import.meta.url));
/** The scripts this document loaded: their paths and their size gzipped (level 9), in KB. */
async function scripts(): Promise<{ paths: string[]; gzipKb: number }> {
  const paths = await page.evaluate(() => [
    ...new Set(
      performance
        .getEntriesByType("resource")
        .map((e) => new URL(e.name).pathname)
        .filter((p) => p.endsWith(".js")),
    ),
  ]);
  const bytes = paths.reduce((sum, p) => sum + gzipSync(readFileSync(join(DIST, p)), { level: 9 }).length, 0);
  return { paths, gzipKb: bytes / 1024 };
}
async function conversations() {
  return (await member.conversations.list({ params: { tenantId, workspaceId } })).items;
}

describe("the chat workspace, in a real browser against the real server", () => {
  it("streams an answer as a member, stores it with its request id, titles the chat, continues it", async () => {
    // The page the member lands on does not load the chat's code (a lazy chunk of its own) and stays
    // within the console's first-page budget (300 KB of gzipped JavaScript).
    const landing = await scripts();
    expect(landing.paths.some((p) => /ChatPage-/.test(p))).toBe(false);
    expect(landing.gzipKb).toBeLessThan(300);
    await page.goto(`${gh.url}/t/${tenantId}/chat`);
    await page.getByRole("navigation", { name: "Conversations" }).waitFor();
    const loaded = await scripts();
    expect(loaded.paths.some((p) => /ChatPage-/.test(p))).toBe(true);
    console.info(
      `JS gzipped: landing page ${landing.gzipKb.toFixed(1)} KB, chat opened directly ${loaded.gzipKb.toFixed(1)} KB`,
    );
    await expect.poll(() => page.getByTestId("chat-model").inputValue(), { timeout: 15_000 }).toBe(MODEL);
    expect(await page.getByTestId("model-price").textContent()).toContain("per 1M tokens");

    await message().fill("What is a gateway?\n\n```python\nprint('hi')\n```");
    const sawPartial = page.waitForFunction(
      () => {
        const m = document.querySelector('[data-testid="assistant-message"][data-partial="true"]');
        return m !== null && /Hello/.test(m.textContent ?? "");
      },
      undefined,
      { polling: "raf", timeout: 15_000 },
    );
    await message().press("Enter");
    await sawPartial;
    await answered(1);
    expect(await answers().first().getByTestId("markdown").textContent()).toContain(FULL);
    await expect
      .poll(() => answers().first().getByTestId("answer-tokens").textContent())
      .toMatch(/\d+ in · 8 out tokens/);
    await expect
      .poll(() => answers().first().getByTestId("answer-cost").textContent(), { timeout: 15_000 })
      .toMatch(/Cost \$/);
    // The code block is highlighted and has a copy button.
    expect(await page.getByTestId("user-message").locator("pre code.hljs span").count()).toBeGreaterThan(0);
    expect(await page.getByRole("button", { name: "Copy code" }).count()).toBe(1);
    // Titled after the first question; the URL names the conversation.
    await expect
      .poll(() => page.getByTestId("chat-title").textContent())
      .toBe("What is a gateway? print('hi')");
    expect(page.url()).toMatch(/\/chat\/cnv_/);

    const [conv] = await conversations();
    const stored = await member.conversations.get({
      params: { tenantId, workspaceId, conversationId: conv!.id },
    });
    expect(stored.messages.map((m) => m.role)).toEqual(["user", "assistant"]);
    expect(stored.messages[1]).toMatchObject({ text: FULL, model: MODEL, outputTokens: 8 });
    expect(stored.messages[1]?.usageRecordId).toMatch(/.+/);
    expect(stored.conversation.model).toBe(MODEL);

    // Shift+Enter is a new line; Enter sends with the history.
    await message().click();
    await page.keyboard.type("And in one word?");
    await page.keyboard.press("Shift+Enter");
    await page.keyboard.type("Please.");
    expect(await message().inputValue()).toBe("And in one word?\nPlease.");
    await page.keyboard.press("Enter");
    await answered(2);
    const sent = fake.requests.at(-1)?.json as {
      model: string;
      messages: { role: string; content: string }[];
    };
    expect(sent.messages.map((m) => m.role)).toEqual(["user", "assistant", "user"]);
    expect(sent.messages[2]?.content).toBe("And in one word?\nPlease.");
  }, 120_000);

  it("regenerates an answer, edits a question into a branch, switches branches", async () => {
    await answers().nth(1).getByRole("button", { name: "Regenerate answer" }).click();
    await answered(2);
    const last = answers().nth(1);
    await expect.poll(() => last.getByTestId("branch-position").textContent()).toBe("2/2");
    await last.getByRole("button", { name: "Previous version" }).click();
    await expect.poll(() => answers().nth(1).getByTestId("branch-position").textContent()).toBe("1/2");

    const question = page.getByTestId("user-message").nth(1);
    await question.getByRole("button", { name: "Edit message" }).click();
    await page.getByRole("textbox", { name: "Edit your message" }).fill("And in two words?");
    await page.getByRole("button", { name: "Save and send" }).click();
    await answered(2);
    const edited = page.getByTestId("user-message").nth(1);
    await expect.poll(() => edited.getByTestId("branch-position").textContent()).toBe("2/2");
    expect(await edited.getByTestId("markdown").textContent()).toBe("And in two words?");
    expect((fake.requests.at(-1)!.json as { messages: { content: string }[] }).messages.at(-1)?.content).toBe(
      "And in two words?",
    );
    // Back to the first version of the question: its own answers (two of them) come back.
    await edited.getByRole("button", { name: "Previous version" }).click();
    await expect
      .poll(() => page.getByTestId("user-message").nth(1).getByTestId("markdown").textContent())
      .toContain("one word");
    await expect.poll(() => answers().nth(1).getByTestId("branch-position").textContent()).toMatch(/\/2$/);
    await expect
      .poll(() => page.getByTestId("answer-cost").allTextContents(), { timeout: 15_000 })
      .toEqual([expect.stringMatching(/Cost \$/), expect.stringMatching(/Cost \$/)]);
    await screenshots(page, "chat");
  }, 120_000);

  it("stops an answer with Esc and keeps the partial answer", async () => {
    fake.setMode("slow", 1);
    await message().fill("Take your time");
    await message().press("Enter");
    const partial = page.locator('[data-testid="assistant-message"][data-partial="true"]');
    await expect.poll(() => partial.textContent(), { timeout: 10_000 }).toContain("Hello");
    await page.keyboard.press("Escape");
    await answered(3);
    const kept = await answers().nth(2).getByTestId("markdown").textContent();
    expect(kept).toContain("Hello");
    expect(kept).not.toBe(FULL);
    const [conv] = await conversations();
    const stored = await member.conversations.get({
      params: { tenantId, workspaceId, conversationId: conv!.id },
    });
    expect(stored.messages.at(-1)).toMatchObject({ role: "assistant", text: kept, status: "stopped" });
    // Marked as stopped, now and after a reload.
    expect(await answers().nth(2).getByTestId("answer-stopped").textContent()).toBe("Stopped");
    await page.reload();
    await answered(3);
    expect(await answers().nth(2).getByTestId("answer-stopped").textContent()).toBe("Stopped");
    expect(await answers().nth(1).getByTestId("answer-stopped").count()).toBe(0);
  }, 60_000);

  it("starts a new chat with the shortcut, finds it by search, renames, pins, exports, archives and deletes it", async () => {
    await page.keyboard.press("Control+Shift+O");
    await page.waitForURL(/\/chat$/);
    // The URL changes at once, the page in a transition: text typed before the new chat is drawn would be
    // the previous conversation's draft (and the new chat's empty draft replaces it).
    await expect.poll(() => page.getByTestId("user-message").count()).toBe(0);
    await expect
      .poll(() => page.evaluate(() => document.activeElement?.getAttribute("aria-label")))
      .toBe("Message");
    await message().fill("Tell me about zebras");
    await message().press("Enter");
    await answered(1);
    await expect.poll(() => page.getByTestId("conversation-item").count()).toBe(2);

    await page.keyboard.press("Control+K");
    const search = page.getByRole("textbox", { name: "Search conversations" });
    await expect.poll(() => search.evaluate((el) => el === document.activeElement)).toBe(true);
    await search.fill("zebr");
    await expect
      .poll(() => page.getByTestId("conversation-title").allTextContents())
      .toEqual(["Tell me about zebras"]);
    await search.fill("");
    await expect.poll(() => page.getByTestId("conversation-item").count()).toBe(2);

    const item = page.getByTestId("conversation-item").filter({ hasText: "Tell me about zebras" });
    await item.getByRole("button", { name: /^Actions for/ }).click();
    await page.getByRole("menuitem", { name: "Rename" }).click();
    await page.getByRole("textbox", { name: "Title" }).fill("Zebra facts");
    await page.getByRole("button", { name: "Save" }).click();
    await expect.poll(() => page.getByTestId("chat-title").textContent()).toBe("Zebra facts");

    const renamed = page.getByTestId("conversation-item").filter({ hasText: "Zebra facts" });
    await renamed.getByRole("button", { name: /^Actions for/ }).click();
    await page.getByRole("menuitem", { name: "Pin" }).click();
    await expect
      .poll(() => page.getByTestId("conversation-title").allTextContents())
      .toEqual(["Zebra facts", expect.stringContaining("What is a gateway?")]);
    expect((await conversations()).find((c) => c.title === "Zebra facts")?.pinned).toBe(true);

    // Export downloads the conversation as Markdown.
    await renamed.getByRole("button", { name: /^Actions for/ }).click();
    const download = page.waitForEvent("download");
    await page.getByRole("menuitem", { name: "Export as Markdown" }).click();
    const file = await download;
    expect(file.suggestedFilename()).toMatch(/\.md$/);
    expect(readFileSync((await file.path())!, "utf8")).toContain("Tell me about zebras");

    // Archived: gone from the list, back under "Show archived", restored.
    await renamed.getByRole("button", { name: /^Actions for/ }).click();
    await page.getByRole("menuitem", { name: "Archive" }).click();
    await expect.poll(() => page.getByTestId("conversation-item").count()).toBe(1);
    await page.getByRole("switch", { name: "Show archived" }).click({ force: true });
    await expect
      .poll(() => page.getByTestId("conversation-title").allTextContents())
      .toEqual(["Zebra facts"]);
    await renamed.getByRole("button", { name: /^Actions for/ }).click();
    await page.getByRole("menuitem", { name: "Restore from archive" }).click();
    await expect.poll(() => page.getByTestId("conversation-item").count()).toBe(0);
    await page.getByRole("switch", { name: "Show archived" }).click({ force: true });
    await expect.poll(() => page.getByTestId("conversation-item").count()).toBe(2);

    await renamed.getByRole("button", { name: /^Actions for/ }).click();
    await page.getByRole("menuitem", { name: "Delete" }).click();
    await page.getByRole("dialog").getByRole("button", { name: "Delete" }).click();
    await page.waitForURL(/\/chat$/);
    await expect.poll(() => page.getByTestId("conversation-item").count()).toBe(1);
    expect((await conversations()).map((c) => c.title)).toEqual([
      expect.stringContaining("What is a gateway?"),
    ]);
  }, 90_000);

  it("shows the gateway's budget refusal in place", async () => {
    await admin.budgets.create({
      params: { tenantId },
      body: { scopeKind: "user", scopeId: memberId, metric: "cost", period: "daily", limit: 1 },
    });
    await page.getByTestId("conversation-item").first().getByRole("link").click();
    await answered(3);
    // The quota bar shows the budget that applies to the member (read through budgets.mine).
    // A draft survives a reload.
    await message().fill("A draft to keep");
    await page.reload();
    await expect.poll(() => message().inputValue(), { timeout: 15_000 }).toBe("A draft to keep");
    const quota = page.getByTestId("quota-bar");
    await quota.waitFor({ timeout: 15_000 });
    expect(await quota.getAttribute("aria-label")).toMatch(
      /^Your daily budget: \$[\d.]+ of \$[\d.]+, \$0\.00 left$/,
    );
    expect(await page.getByTestId("quota-left").textContent()).toBe("$0.00 left");
    const before = fake.requests.length;
    await message().fill("One more, please");
    const refusedAnswer = page.waitForResponse(
      (r) => r.request().method() === "POST" && /\/answers$/.test(new URL(r.url()).pathname),
    );
    await message().press("Enter");
    const alert = page.getByTestId("chat-error").getByRole("alert");
    await alert.waitFor({ timeout: 15_000 });
    expect(await alert.textContent()).toMatch(/Budget reached/);
    expect(await alert.textContent()).toMatch(/budget/i);
    expect(fake.requests.length).toBe(before);
    // The request id shown is the refused data-plane request's (the server's e2e finds it in the request
    // log), quoted by the control plane's error body, not the control-plane call's own id.
    const refusal = await refusedAnswer;
    const shownId = /Request id (\S+) \(HTTP 402\)/.exec(
      (await page.getByTestId("chat-error").textContent()) ?? "",
    )?.[1];
    expect(shownId).toBe(((await refusal.json()) as { error: { requestId: string } }).error.requestId);
    expect(shownId).not.toBe(refusal.headers()["x-gatehouse-request-id"]);
    // The page is still there: the question is kept, the thread intact.
    expect(await page.getByTestId("user-message").last().textContent()).toContain("One more, please");
    await screenshots(page, "chat-budget");
    // Once the cap is lifted, the unanswered question gets its answer in place.
    const [cap] = (
      await admin.budgets.list({ params: { tenantId }, query: { scopeKind: "user", scopeId: memberId } })
    ).items;
    await admin.budgets.delete({ params: { tenantId, budgetId: cap!.id } });
    await page.getByRole("button", { name: "Get an answer" }).click();
    await answered(4);
    expect(fake.requests.length).toBe(before + 1);
  }, 60_000);

  it("starts a chat from a preset: its model, system prompt and parameters go with every answer", async () => {
    const preset = await member.presets.create({
      params: { tenantId, workspaceId },
      body: {
        name: "Terse",
        systemPrompt: "Answer in one word.",
        model: MODEL,
        parameters: { temperature: 0.2, maxTokens: 50 },
      },
    });
    await page.goto(`${gh.url}/t/${tenantId}/chat?preset=${preset.id}`);
    await expect
      .poll(() => page.getByTestId("chat-preset").textContent(), { timeout: 15_000 })
      .toContain("Terse");
    const sentBody = () =>
      fake.requests.at(-1)?.json as {
        model: string;
        temperature?: number;
        max_tokens?: number;
        messages: { role: string; content: string }[];
      };
    for (const [i, question] of ["From a preset", "Again, please"].entries()) {
      await message().fill(question);
      await message().press("Enter");
      await answered(i + 1);
      const sent = sentBody();
      expect(sent.messages[0]).toEqual({ role: "system", content: "Answer in one word." });
      expect(sent.messages.at(-1)?.content).toBe(question);
      expect(sent).toMatchObject({ model: "gpt-4o-mini", temperature: 0.2, max_tokens: 50 });
    }
    const started = (await conversations()).find((c) => c.title.startsWith("From a preset"));
    expect(started?.presetId).toBe(preset.id);
  }, 60_000);
  it("shares a conversation from its menu: the link opens signed out, and stops working once revoked", async () => {
    const [latest] = await conversations();
    await page.getByRole("button", { name: `Actions for ${latest!.title}` }).click();
    await page.getByRole("menuitem", { name: "Share link…" }).click();
    await page.getByRole("button", { name: "Create link" }).click();
    const url = new URL(await page.getByTestId("share-url").inputValue());
    expect(url.pathname).toMatch(/^\/share\/[A-Za-z0-9_-]{32}$/);
    // Listed without its token: the URL is shown this once.
    await expect.poll(() => page.getByTestId("share-list").getByRole("row").count()).toBe(2);
    expect(await page.getByTestId("share-list").textContent()).not.toContain(url.pathname.slice(7));

    const anonymous = await browser.newContext();
    const pub = await anonymous.newPage();
    await pub.goto(new URL(url.pathname, gh.url).toString());
    const shared = pub.getByTestId("shared-conversation");
    await shared.waitFor({ timeout: 15_000 });
    expect(await shared.textContent()).toContain("From a preset");
    expect(await pub.content()).not.toContain(MEMBER.email);

    await page.getByTestId("share-list").getByRole("button", { name: "Revoke" }).click();
    await page.getByTestId("share-list").getByText("Revoked").waitFor();
    await pub.reload();
    await pub.getByText(/This link does not work/).waitFor();
    await anonymous.close();
    await page.keyboard.press("Escape");
  }, 60_000);

  it("draws math with KaTeX, keeps prices as text and runs nothing from a hostile formula", async () => {
    const conv = await member.conversations.create({
      params: { tenantId, workspaceId },
      body: { model: MODEL },
    });
    const params = { tenantId, workspaceId, conversationId: conv.id };
    const { message: q } = await member.conversations.appendMessage({
      params,
      body: { parentId: null, role: "user", text: "Some math, please" },
    });
    await member.conversations.appendMessage({
      params,
      body: {
        parentId: q.id,
        role: "assistant",
        model: MODEL,
        text: [
          "Euler: \\(e^{i\\pi} + 1 = 0\\), and it costs $5 or $10.",
          "\\[\n\\int_0^1 x\\,dx = \\frac{1}{2}\n\\]",
          "Hostile: $\\href{javascript:alert(1)}{click}$ and <script>window.pwned = 1</script>",
          "```\n$not math$ \\(x\\)\n```",
        ].join("\n\n"),
      },
    });
    await page.goto(`${gh.url}/t/${tenantId}/chat/${conv.id}`);
    const answer = answers().last().getByTestId("markdown");
    await expect.poll(() => answer.locator(".katex").count(), { timeout: 15_000 }).toBe(3);
    expect(await answer.locator(".katex-display").count()).toBe(1);
    const text = (await answer.textContent()) ?? "";
    expect(text).toContain("it costs $5 or $10.");
    expect(await answer.locator("pre code").textContent()).toBe("$not math$ \\(x\\)\n");
    // trust: false — no link from \href, and the script tag is text, never run.
    expect(await answer.locator('a[href^="javascript"]').count()).toBe(0);
    expect(await answer.locator("script").count()).toBe(0);
    expect(await page.evaluate(() => (window as { pwned?: number }).pwned)).toBeUndefined();
  }, 60_000);

  it("shows an answer that streams through a reload continuing to its end", async () => {
    await page.goto(`${gh.url}/t/${tenantId}/chat`);
    await expect.poll(() => page.getByTestId("chat-model").inputValue(), { timeout: 15_000 }).toBe(MODEL);
    // One word a second: the answer is still streaming when the page reloads.
    fake.setMode("slow", 1);
    await message().fill("Tell me slowly");
    await message().press("Enter");
    const partial = page.locator('[data-testid="assistant-message"][data-partial="true"]');
    await expect.poll(() => partial.textContent(), { timeout: 10_000 }).toContain("Hello");
    await page.waitForURL(/\/chat\/cnv_/);
    await page.reload();
    // After the reload the answer is shown streaming again, with what came meanwhile, and grows to the end.
    await expect.poll(() => partial.textContent(), { timeout: 10_000 }).toContain("Hello");
    await answered(1);
    expect(await answers().first().getByTestId("markdown").textContent()).toBe(FULL);
    expect(await answers().first().getByTestId("answer-stopped").count()).toBe(0);
    await expect.poll(() => page.getByTestId("chat-title").textContent()).toBe("Tell me slowly");
  }, 60_000);

  it("chats through a wildcard model only: the member types the name, which the gateway routes", async () => {
    // As on a fresh install: only `openai/*` is left, so GET /v1/models lists nothing.
    await admin.models.delete({ params: { tenantId, modelId } });
    await page.evaluate(
      (slot) => localStorage.removeItem(slot),
      `gatehouse.chat-model.${tenantId}.${workspaceId}`,
    );
    await page.goto(`${gh.url}/t/${tenantId}/chat`);
    const picker = page.getByTestId("chat-model");
    await expect
      .poll(() => picker.getAttribute("placeholder"), { timeout: 15_000 })
      .toBe("Choose or type a model");
    expect(await picker.inputValue()).toBe("");
    // A name no wildcard routes is not offered.
    await picker.click();
    await picker.fill("anthropic/claude-x");
    await page.getByText("No such model").waitFor();
    expect(await page.getByRole("option", { name: /Use anthropic/ }).count()).toBe(0);
    // Choosing the wildcard puts its prefix in the box; the name typed after it is offered to use.
    await picker.fill("");
    await page.getByRole("option", { name: /^openai\/\*/ }).click();
    await expect.poll(() => picker.inputValue()).toBe("openai/");
    await picker.pressSequentially("gpt-4.1-nano");
    await page.getByRole("option", { name: /Use openai\/gpt-4\.1-nano/ }).click();
    await expect.poll(() => picker.inputValue()).toBe("openai/gpt-4.1-nano");
    await message().fill("Hello through a wildcard");
    await message().press("Enter");
    await answered(1);
    expect(await answers().first().getByTestId("markdown").textContent()).toBe(FULL);
    // The upstream was asked for the name after the wildcard's prefix.
    const asked = fake.requests.filter((r) =>
      JSON.stringify(r.json ?? null).includes("Hello through a wildcard"),
    );
    expect(asked.map((r) => (r.json as { model: string }).model)).toEqual(["gpt-4.1-nano"]);
    await page.waitForURL(/\/chat\/cnv_/);
    const conversationId = /\/chat\/(cnv_[^/?#]+)/.exec(page.url())![1]!;
    const stored = await member.conversations.get({ params: { tenantId, workspaceId, conversationId } });
    expect(stored.conversation.model).toBe("openai/gpt-4.1-nano");
    expect(stored.messages[1]).toMatchObject({ model: "openai/gpt-4.1-nano", text: FULL });
    // After a reload the conversation's model is shown, routed by the wildcard.
    await page.reload();
    await expect.poll(() => picker.inputValue(), { timeout: 15_000 }).toBe("openai/gpt-4.1-nano");
  }, 60_000);
});

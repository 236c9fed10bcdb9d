import { createGatehouseClient } from "@gatehouse/sdk";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CHATGPT_EXPORT } from "../../server/src/control-plane/handlers/testing/chat-import-fixtures.js";
import { launchBrowser, newUserPage, screenshots, signIn, VIEWPORT } from "./testing/browser.js";
import { type GatehouseProcess, startGatehouse } from "./testing/gatehouse-process.js";

let gh: GatehouseProcess;
let browser: Browser;

beforeAll(async () => {
  gh = await startGatehouse();
  browser = await launchBrowser();
}, 60_000);
afterAll(async () => {
  await browser?.close();
  await gh?.stop();
});

describe("chat presets, share links and import, in a real browser against the real server", () => {
  it("creates a preset, opens a share link signed out, and imports a ChatGPT export", async () => {
    const { page } = await newUserPage(browser);
    await signIn(page, gh.url, gh.admin.email, gh.admin.password);
    const tenantPath = new URL(page.url()).pathname.split("/").slice(0, 3).join("/");
    const tenantId = tenantPath.split("/")[2]!;
    const api = createGatehouseClient({ baseUrl: gh.url });
    await api.auth.logIn({ body: { email: gh.admin.email, password: gh.admin.password } });
    const [ws] = (await api.workspaces.list({ params: { tenantId } })).items;
    const params = { tenantId, workspaceId: ws!.id };

    // A preset, through the page's form.
    await page.getByRole("link", { name: "Presets" }).click();
    await page.getByRole("heading", { name: "Presets", exact: true }).waitFor();
    await page.getByRole("button", { name: "New preset" }).first().click();
    const dialog = page.getByRole("dialog", { name: "New preset" });
    await dialog.getByRole("textbox", { name: "Name" }).fill("Copy editor");
    await dialog.getByRole("textbox", { name: "Description" }).fill("Fixes typos and grammar");
    await dialog.getByRole("textbox", { name: "Model" }).fill("openai/gpt-4o-mini");
    await dialog
      .getByRole("textbox", { name: "System prompt" })
      .fill("You fix typos. Answer with the text only.");
    await dialog.getByRole("textbox", { name: "Temperature" }).fill("0.2");
    await dialog.getByRole("switch", { name: /Share with the workspace/ }).check();
    await dialog.getByRole("button", { name: "Create preset" }).click();
    await dialog.waitFor({ state: "hidden" });
    const row = page.getByTestId("presets-table").getByRole("row", { name: /Copy editor/ });
    await row.waitFor();
    expect(await row.textContent()).toContain("Shared by you");
    const stored = (await api.presets.list({ params })).items.find((p) => p.name === "Copy editor");
    expect(stored).toMatchObject({
      model: "openai/gpt-4o-mini",
      shared: true,
      parameters: { temperature: 0.2 },
    });
    expect(await row.getByRole("link", { name: "Start chat" }).getAttribute("href")).toBe(
      `${tenantPath}/chat?preset=${stored!.id}`,
    );

    // Import a ChatGPT conversations.json through the import button.
    await page.locator('input[type="file"]').setInputFiles({
      name: "conversations.json",
      mimeType: "application/json",
      buffer: Buffer.from(JSON.stringify(CHATGPT_EXPORT)),
    });
    await page.getByText(/1 conversation\(s\), 3 messages \(chatgpt\)/).waitFor();
    const imported = (await api.conversations.list({ params })).items.find(
      (c) => c.title === "Trip to Lisbon",
    );
    expect(imported).toBeDefined();
    const branch = await api.conversations.get({ params: { ...params, conversationId: imported!.id } });
    expect(branch.messages.map((m) => m.text)).toEqual([
      "Where should I eat in Lisbon?",
      "Cervejaria Ramiro",
    ]);
    await screenshots(page, "chat-presets");

    // A conversation made through the API, shared, opened in a fresh signed-out browser context.
    const c = await api.conversations.create({
      params,
      body: { title: "Markdown demo", model: "openai/gpt-4o-mini" },
    });
    const cp = { ...params, conversationId: c.id };
    const q = await api.conversations.appendMessage({
      params: cp,
      body: { parentId: null, role: "user", text: "Show me a list and some code" },
    });
    await api.conversations.appendMessage({
      params: cp,
      body: {
        parentId: q.message.id,
        role: "assistant",
        model: "openai/gpt-4o-mini",
        text: "Here you are:\n\n- **bold** item\n- second item\n\n```python\nprint('hi')\n```",
      },
    });
    const share = await api.conversations.share({ params: cp });
    const anonymous = await browser.newContext({ viewport: VIEWPORT, colorScheme: "light" });
    const pub = await anonymous.newPage();
    const res = await pub.goto(`${gh.url}/share/${share.token}`);
    expect(res?.headers()["x-robots-tag"]).toBe("noindex, nofollow");
    const shared = pub.getByTestId("shared-conversation");
    await shared.waitFor();
    expect(await pub.getByRole("heading", { name: "Markdown demo" }).count()).toBe(1);
    expect(await shared.locator("li strong").textContent()).toBe("bold");
    expect(await shared.locator("pre code.hljs").textContent()).toContain("print('hi')");
    expect(await pub.locator('meta[name="robots"]').getAttribute("content")).toBe("noindex, nofollow");
    // Signed out: no navigation of the console, nothing of the account.
    expect(await pub.getByRole("navigation", { name: "Main navigation" }).count()).toBe(0);
    expect(await pub.content()).not.toContain(gh.admin.email);
    await screenshots(pub, "chat-share");

    // Revoked: the same link now says it does not work.
    await api.conversations.revokeShare({ params: { ...cp, shareId: share.id } });
    await pub.reload();
    await pub.getByText(/This link does not work/).waitFor();
    await anonymous.close();
  }, 120_000);
});

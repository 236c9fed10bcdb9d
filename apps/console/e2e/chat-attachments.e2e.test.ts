import { createGatehouseClient, type GatehouseClient } from "@gatehouse/sdk";
import { type FakeServer, startFakeOpenAI } from "@gatehouse/test-support";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makePdf, makePng } from "../../server/src/chat-files/testing/make-test-files.js";
import { launchBrowser, newUserPage, screenshots, signIn } from "./testing/browser.js";
import { type GatehouseProcess, startGatehouse } from "./testing/gatehouse-process.js";

// Chat attachments in a real browser against the real server and a fake OpenAI: an image and a PDF are
// uploaded from the composer, sent with a question, and the fake upstream receives the image as an
// image_url part and the PDF's text extracted by the server; a file whose name lies is refused in place.
const MODEL = "openai/gpt-4o";
const TEXT_MODEL = "openai/gpt-3.5-turbo";
let fake: FakeServer;
let gh: GatehouseProcess;
let browser: Browser;
let page: Page;
let chatPath: string;
let admin: GatehouseClient;
let tenantId: string;

beforeAll(async () => {
  fake = await startFakeOpenAI({ chunks: 4 });
  gh = await startGatehouse({ OPENAI_BASE_URL: fake.url, OPENAI_API_KEY: "sk-x" });
  admin = createGatehouseClient({ baseUrl: gh.url });
  await admin.auth.logIn({ body: { email: gh.admin.email, password: gh.admin.password } });
  tenantId = (await admin.tenants.list({})).items[0]!.id;
  const provider = (await admin.providers.list({ params: { tenantId } })).items[0]!;
  const model = await admin.models.create({
    params: { tenantId },
    body: {
      name: MODEL,
      inputPricePerMTok: 2_500_000_000,
      outputPricePerMTok: 10_000_000_000,
      contextWindow: 128_000,
      capabilities: { vision: true, tools: true },
    },
  });
  await admin.models.addDeployment({
    params: { tenantId, modelId: model.id },
    body: { providerId: provider.id, upstreamModel: "gpt-4o" },
  });
  browser = await launchBrowser();
  ({ page } = await newUserPage(browser));
  await signIn(page, gh.url, gh.admin.email, gh.admin.password);
  chatPath = `${new URL(page.url()).pathname.split("/").slice(0, 3).join("/")}/chat`;
}, 120_000);
afterAll(async () => {
  await browser?.close();
  await gh?.stop();
  await fake?.close();
});

describe("chat attachments in a real browser", () => {
  it("attaches an image and a PDF, sends them, and the model gets the image part and the PDF's text", async () => {
    await page.goto(`${gh.url}${chatPath}`);
    const input = page.locator('input[type="file"]');
    await input.setInputFiles([
      { name: "diagram.png", mimeType: "image/png", buffer: makePng(96, 64, [34, 139, 230]) },
      {
        name: "report.pdf",
        mimeType: "application/pdf",
        buffer: makePdf(["Quarterly report", "Revenue grew 12 percent in the third quarter."]),
      },
    ]);
    const chips = page.getByTestId("attachment-chip");
    await expect
      .poll(() => chips.evaluateAll((els) => els.map((e) => e.getAttribute("data-state"))))
      .toEqual(["ready", "ready"]);

    // A file whose name lies is refused on its chip, and removed with its ×.
    await input.setInputFiles({ name: "scan.pdf", mimeType: "application/pdf", buffer: makePng() });
    const refused = page.locator('[data-testid="attachment-chip"][data-state="error"]');
    await refused.getByText("named as a PDF but its content is an image").waitFor();
    await page.getByRole("button", { name: "Remove scan.pdf" }).click();
    await expect.poll(() => chips.count()).toBe(2);

    const before = fake.requests.length;
    await page.getByRole("textbox", { name: "Message", exact: true }).fill("What do these files say?");
    await page.keyboard.press("Enter");
    await expect
      .poll(
        () =>
          page.evaluate(
            () =>
              document.querySelectorAll('[data-testid="assistant-message"]').length > 0 &&
              document.querySelectorAll('[data-partial="true"]').length === 0,
          ),
        { timeout: 20_000 },
      )
      .toBe(true);

    // What the upstream received: the question with the PDF's text as a <file> block, and the image.
    const sent = fake.requests.slice(before).find((r) => r.path.endsWith("/chat/completions"));
    expect(sent).toBeDefined();
    const messages = (sent!.json as { messages: { role: string; content: unknown }[] }).messages;
    const question = messages.at(-1)!;
    expect(question.role).toBe("user");
    const parts = question.content as { type: string; text?: string; image_url?: { url: string } }[];
    expect(parts[0]!.type).toBe("text");
    expect(parts[0]!.text).toBe(
      '<file name="report.pdf">\nQuarterly report\n\nRevenue grew 12 percent in the third quarter.\n</file>\n\nWhat do these files say?',
    );
    expect(parts[1]).toEqual({
      type: "image_url",
      image_url: { url: `data:image/png;base64,${makePng(96, 64, [34, 139, 230]).toString("base64")}` },
    });

    // The sent question shows its files: the image as a thumbnail, the PDF as a chip; the composer is empty.
    const shown = page.getByTestId("user-message").getByTestId("message-attachments");
    await shown.getByRole("img", { name: "diagram.png" }).waitFor();
    await shown.getByText("report.pdf").waitFor();
    expect(await chips.count()).toBe(0);
    await page.mouse.move(0, 0);
    await screenshots(page, "chat-attachments");

    // Switched to a model without vision, the conversation (which holds an image) is refused in place,
    // before the question is stored or anything reaches the upstream.
    const conversationId = new URL(page.url()).pathname.split("/").at(-1)!;
    const workspaceId = (await admin.workspaces.list({ params: { tenantId } })).items[0]!.id;
    const params = { tenantId, workspaceId, conversationId };
    // A model without vision (made now: the page picks the first model listed for a new chat).
    const provider = (await admin.providers.list({ params: { tenantId } })).items[0]!;
    const textOnly = await admin.models.create({
      params: { tenantId },
      body: {
        name: TEXT_MODEL,
        inputPricePerMTok: 500_000_000,
        outputPricePerMTok: 1_500_000_000,
        capabilities: { tools: true },
      },
    });
    await admin.models.addDeployment({
      params: { tenantId, modelId: textOnly.id },
      body: { providerId: provider.id, upstreamModel: "gpt-3.5-turbo" },
    });
    await admin.conversations.update({ params, body: { model: TEXT_MODEL } });
    await page.reload();
    await page.getByTestId("user-message").first().waitFor();
    const upstreamBefore = fake.requests.length;
    await page.getByRole("textbox", { name: "Message", exact: true }).fill("And the second page?");
    await page.keyboard.press("Enter");
    await page
      .getByText(`${TEXT_MODEL} does not take images: choose a model with vision, or remove the images.`)
      .waitFor();
    expect(fake.requests.length).toBe(upstreamBefore);
    expect((await admin.conversations.get({ params })).messages).toHaveLength(2);

    // A share link names the files and shows none of them.
    const share = await admin.conversations.share({ params });
    await page.goto(`${gh.url}/share/${share.token}`);
    const named = page.getByTestId("shared-attachments");
    await named.getByText("diagram.png").waitFor();
    expect(await named.textContent()).toBe("diagram.pngreport.pdf");
    expect(await page.locator("img").count()).toBe(0);

    // "Your files" in the chat lists the uploads (the refused one was never stored) and deletes one.
    await page.goto(`${gh.url}${chatPath}`);
    await page.getByRole("button", { name: "Your files" }).click();
    const table = page.getByTestId("chat-files-table");
    await table.waitFor();
    expect(await table.getByRole("row").allTextContents()).toEqual([
      expect.stringContaining("report.pdf"),
      expect.stringContaining("diagram.png"),
    ]);
    await page.getByRole("button", { name: "Delete report.pdf" }).click();
    await expect.poll(() => table.getByRole("row").count()).toBe(1);
    expect(
      (await admin.chatFiles.list({ params: { tenantId, workspaceId } })).items.map((f) => f.name),
    ).toEqual(["diagram.png"]);
  }, 90_000);
});

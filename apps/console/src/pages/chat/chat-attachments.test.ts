import { describe, expect, it } from "vitest";
import { wireHistoryWithFiles } from "./attachment-history";
import { documentBlock, filePartsOf, formatSize, imagesRefusal, userContent } from "./chat-attachments";

const img = {
  kind: "image" as const,
  name: "cat.png",
  mediaType: "image/png",
  dataUrl: "data:image/png;base64,AA==",
};
const doc = { kind: "document" as const, name: 'a "b".md', mediaType: "text/markdown", text: "# A" };

describe("chat attachments", () => {
  it("puts documents before the question and images after it as image_url parts", () => {
    expect(userContent("Hi", [])).toBe("Hi");
    expect(userContent("Sum it up", [doc])).toBe('<file name="a &#34;b&#34;.md">\n# A\n</file>\n\nSum it up');
    expect(userContent("What is it?", [img, doc])).toEqual([
      { type: "text", text: `${documentBlock(doc.name, doc.text)}\n\nWhat is it?` },
      { type: "image_url", image_url: { url: img.dataUrl } },
    ]);
  });

  it("refuses images for a model the catalog says has no vision, only then", () => {
    const images = [{ kind: "image" as const }];
    expect(imagesRefusal({ name: "gpt-3.5", capabilities: ["tools"] }, images)).toBe(
      "gpt-3.5 does not take images: choose a model with vision, or remove the images.",
    );
    expect(imagesRefusal({ name: "gpt-4o", capabilities: ["vision"] }, images)).toBeNull();
    expect(imagesRefusal({ name: "x", capabilities: [] }, images)).toBeNull();
    expect(imagesRefusal({ name: "gpt-3.5", capabilities: ["tools"] }, [{ kind: "document" }])).toBeNull();
  });

  it("finds file parts and formats sizes", () => {
    expect(filePartsOf([{ type: "file", fileId: "fil_1" }, { type: "other" }, null, "x"])).toHaveLength(1);
    expect([formatSize(800), formatSize(14_000), formatSize(3_300_000)]).toEqual([
      "800 B",
      "14 KB",
      "3.1 MB",
    ]);
  });

  it("builds the wire history with each user turn's files", async () => {
    const part = {
      type: "file",
      fileId: "fil_1",
      name: "cat.png",
      mediaType: "image/png",
      kind: "image",
      size: 3,
    };
    const history = await wireHistoryWithFiles(
      [
        { role: "user", text: "What is it?", parts: [part] },
        { role: "assistant", text: "", parts: [] },
        { role: "assistant", text: "A cat.", parts: [] },
        { role: "user", text: "Sure?", parts: [] },
      ],
      async () => img,
    );
    expect(history).toEqual([
      {
        role: "user",
        content: "What is it?",
        richContent: [
          { type: "text", text: "What is it?" },
          { type: "image_url", image_url: { url: img.dataUrl } },
        ],
      },
      { role: "assistant", content: "A cat." },
      { role: "user", content: "Sure?" },
    ]);
  });

  it("tells the model a file was deleted (404), and fails on any other error", async () => {
    const part = {
      type: "file",
      fileId: "fil_1",
      name: "gone.md",
      mediaType: "text/markdown",
      kind: "document",
      size: 3,
    };
    const turn = [{ role: "user" as const, text: "Q", parts: [part] }];
    const gone = Object.assign(new Error("not found"), { status: 404 });
    expect(await wireHistoryWithFiles(turn, () => Promise.reject(gone))).toEqual([
      { role: "user", content: '<file name="gone.md">\n(This file was deleted.)\n</file>\n\nQ' },
    ]);
    const down = Object.assign(new Error("unavailable"), { status: 503 });
    await expect(wireHistoryWithFiles(turn, () => Promise.reject(down))).rejects.toBe(down);
  });
});

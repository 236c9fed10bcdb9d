import { GatewayError } from "@gatehouse/protocol";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { CHAT_FILE_LIMITS } from "./chat-file-limits.js";
import { classifyUpload } from "./classify-upload.js";
import { makeBombDocx, makeDocx, makeNestedPdf, makePdf, makePng } from "./testing/make-test-files.js";

const refusal = async (p: Promise<unknown>) => {
  const err = await p.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(err instanceof GatewayError)) throw new Error(`expected a GatewayError, got ${String(err)}`);
  return { status: err.status, message: err.message };
};

describe("classifyUpload", () => {
  it("takes images by their bytes, documents with their text", async () => {
    expect(await classifyUpload("cat.png", makePng(4, 3))).toEqual({
      mediaType: "image/png",
      kind: "image",
      extractedText: null,
    });
    expect(await classifyUpload("notes.md", Buffer.from("# Plan\n- one"))).toEqual({
      mediaType: "text/markdown",
      kind: "document",
      extractedText: "# Plan\n- one",
    });
    expect((await classifyUpload("a.txt", Buffer.from("plain"))).mediaType).toBe("text/plain");
    expect((await classifyUpload("data.csv", Buffer.from("a,b\n1,2"))).extractedText).toBe("a,b\n1,2");
    expect(await classifyUpload("report.pdf", makePdf(["Quarterly report"]))).toMatchObject({
      mediaType: "application/pdf",
      kind: "document",
      extractedText: "Quarterly report",
    });
    expect((await classifyUpload("memo.docx", makeDocx(["Memo", "Body"]))).extractedText).toBe("Memo\nBody");
  }, 30_000);

  it("decides by content when the name says nothing, and refuses a name that lies", async () => {
    expect((await classifyUpload("screenshot", makePng())).mediaType).toBe("image/png");
    expect(await refusal(classifyUpload("invoice.pdf", makePng()))).toEqual({
      status: 415,
      message: "“invoice.pdf” is named as a PDF but its content is an image: refused.",
    });
    expect(await refusal(classifyUpload("photo.jpg", Buffer.from("just text")))).toEqual({
      status: 415,
      message: "“photo.jpg” is not an image: its content is neither an image, a PDF nor a .docx.",
    });
    expect((await refusal(classifyUpload("notes.txt", makePdf(["x"])))).status).toBe(415);
    expect((await refusal(classifyUpload("a.docx", Buffer.from("PK not really")))).status).toBe(415);
  }, 30_000);

  it("refuses non-UTF-8 or binary text, empty files, damaged and oversized ones", async () => {
    expect(await refusal(classifyUpload("latin.txt", Buffer.from("caf\u00e9", "latin1")))).toMatchObject({
      status: 415,
      message: expect.stringContaining("text must be UTF-8"),
    });
    expect((await refusal(classifyUpload("bin", new Uint8Array([1, 0, 2])))).status).toBe(415);
    expect((await refusal(classifyUpload("e.txt", new Uint8Array(0)))).status).toBe(400);
    expect((await refusal(classifyUpload("broken.png", makePng().subarray(0, 20)))).message).toMatch(
      /damaged image/,
    );
    const big = { ...CHAT_FILE_LIMITS, documentMaxBytes: 10 };
    expect(await refusal(classifyUpload("long.md", Buffer.from("x".repeat(11)), big))).toEqual({
      status: 413,
      message: "“long.md” is larger than 0 MB.",
    });
    const huge = Buffer.from(makePng(1, 1));
    huge.writeUInt32BE(30_000, 16);
    expect((await refusal(classifyUpload("huge.png", huge))).message).toMatch(/30000×1 pixels/);
  });

  it("refuses a zip bomb docx and a deeply nested PDF with a clear 400", async () => {
    expect(await refusal(classifyUpload("bomb.docx", makeBombDocx(40 * 1_048_576)))).toMatchObject({
      status: 400,
      message: expect.stringContaining("zip bomb"),
    });
    expect(await refusal(classifyUpload("deep.pdf", makeNestedPdf(200_000)))).toMatchObject({
      status: 400,
      message: expect.stringContaining("The PDF could not be read"),
    });
  }, 30_000);

  it("cuts extracted text at the cap", async () => {
    const limits = { ...CHAT_FILE_LIMITS, textMaxChars: 5 };
    expect((await classifyUpload("a.md", Buffer.from("abcdefgh"), limits)).extractedText).toBe("abcde");
  });

  it("answers any bytes with a result or a 4xx, never another error", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom("a.png", "a.txt", "a.md", "a", "a.docx", "a.gif", "a.webp", "a.jpeg"),
        fc.uint8Array({ maxLength: 300 }),
        async (name, bytes) => {
          const outcome = await classifyUpload(name, bytes).then(
            () => 200,
            (e: unknown) => (e instanceof GatewayError ? e.status : 500),
          );
          expect(outcome === 200 || (outcome >= 400 && outcome < 500)).toBe(true);
        },
      ),
      { numRuns: 300 },
    );
  });
});

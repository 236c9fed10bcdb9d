import { describe, expect, it } from "vitest";
import { CHAT_FILE_LIMITS } from "./chat-file-limits.js";
import { extractPdfText, PdfRefused } from "./extract-pdf-text.js";
import { makeNestedPdf, makePdf } from "./testing/make-test-files.js";

describe("extractPdfText (pdf.js in a worker)", () => {
  it("reads every page's text", async () => {
    const text = await extractPdfText(makePdf(["Quarterly report", "Revenue grew (a lot)"]));
    expect(text).toBe("Quarterly report\n\nRevenue grew (a lot)");
  }, 30_000);

  it("cuts the text at the cap", async () => {
    const text = await extractPdfText(makePdf(["a".repeat(50), "b".repeat(50)]), {
      ...CHAT_FILE_LIMITS,
      textMaxChars: 60,
    });
    expect(text).toBe(`${"a".repeat(50)}\n\n${"b".repeat(8)}`);
  }, 30_000);

  it("refuses a PDF with too many pages", async () => {
    const pdf = makePdf(Array.from({ length: 6 }, (_, i) => `page ${i}`));
    await expect(extractPdfText(pdf, { ...CHAT_FILE_LIMITS, pdfMaxPages: 5 })).rejects.toThrow(
      "The PDF has 6 pages; at most 5 are read.",
    );
  }, 30_000);

  it("refuses a malformed PDF", async () => {
    await expect(extractPdfText(Buffer.from("%PDF-1.7\nthis is not a pdf at all\n"))).rejects.toBeInstanceOf(
      PdfRefused,
    );
  }, 30_000);

  it("refuses a deeply nested PDF within the time limit, the process unharmed", async () => {
    const started = Date.now();
    await expect(extractPdfText(makeNestedPdf(200_000))).rejects.toBeInstanceOf(PdfRefused);
    expect(Date.now() - started).toBeLessThan(CHAT_FILE_LIMITS.pdfTimeoutMs);
    // Shallow nesting is an ordinary (textless) PDF.
    expect(await extractPdfText(makeNestedPdf(50))).toBe("");
  }, 30_000);

  it("stops a worker that takes too long", async () => {
    await expect(extractPdfText(makePdf(["slow"]), { ...CHAT_FILE_LIMITS, pdfTimeoutMs: 1 })).rejects.toThrow(
      /took longer than/,
    );
  }, 30_000);
});

import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { escapeText, writePdf } from "./pdf-writer.js";
import { inspectPdf } from "./testing/inspect-pdf.js";

describe("writePdf", () => {
  it("writes a PDF whose xref points at every object and whose text is readable", () => {
    const pdf = writePdf([
      [{ text: "Statement (Nov)", size: 16, bold: true }, { text: "Total 1.5 USD \\ ok" }],
      [{ text: "page 2" }],
    ]);
    const { objects, text } = inspectPdf(pdf);
    expect(objects).toBe(4 + 2 * 2);
    expect(text).toBe("Statement (Nov)\nTotal 1.5 USD \\ ok\npage 2");
    expect(pdf.toString("latin1")).toContain("/Count 2");
  });

  it("stays well-formed for any text", () => {
    fc.assert(
      fc.property(fc.array(fc.array(fc.string(), { maxLength: 5 }), { maxLength: 3 }), (pages) => {
        const { text } = inspectPdf(writePdf(pages.map((p) => p.map((t) => ({ text: t })))));
        expect(text).toBe(
          pages
            .flat()
            .map((t) => t.replace(/[^\x20-\x7e]/g, "?"))
            .join("\n"),
        );
      }),
      { numRuns: 50 },
    );
  });

  it("escapes backslashes and parentheses", () => {
    expect(escapeText("a(b)\\c\u00e9")).toBe("a\\(b\\)\\\\c?");
  });
});

import fc from "fast-check";
import { zipSync } from "fflate";
import { describe, expect, it } from "vitest";
import { DocxRefused, extractDocxText } from "./extract-docx-text.js";
import { makeBombDocx, makeDocx, withDeclaredSizes } from "./testing/make-test-files.js";
import { wordXmlToText } from "./word-xml-to-text.js";

const small = { docxXmlMaxBytes: 1_048_576, docxMaxRatio: 200 };

describe("extractDocxText", () => {
  it("reads the paragraphs of a document, entities decoded", () => {
    expect(extractDocxText(makeDocx(["Quarterly notes", "Revenue & costs <up>", "Done"]))).toBe(
      "Quarterly notes\nRevenue & costs <up>\nDone",
    );
  });

  it("refuses a zip bomb by its declared size, before inflating", () => {
    const bomb = makeBombDocx(40 * 1_048_576); // 40 MiB of spaces, ~40 KB compressed
    expect(bomb.length).toBeLessThan(100_000);
    expect(() => extractDocxText(bomb)).toThrow(/larger than 32 MB when decompressed/);
  });

  it("refuses a zip bomb by its ratio", () => {
    expect(() =>
      extractDocxText(makeBombDocx(2 * 1_048_576 - 10), { ...small, docxXmlMaxBytes: 4_048_576 }),
    ).toThrow(/expands \d+ times .* zip bomb/);
  });

  it("stops inflating at the cap when the zip lies about its sizes", () => {
    const lying = withDeclaredSizes(makeBombDocx(3 * 1_048_576), 1000);
    expect(() => extractDocxText(lying, small)).toThrow(/larger than 1 MB when decompressed/);
  });

  it("refuses what is not a docx: another zip, a damaged one, random bytes", () => {
    const otherZip = Buffer.from(zipSync({ "notes.txt": new TextEncoder().encode("hi") }));
    expect(() => extractDocxText(otherZip)).toThrow(/no word\/document.xml/);
    const damaged = makeDocx(["hello world ".repeat(100)]);
    damaged.fill(0x41, 60, 120);
    expect(() => extractDocxText(damaged)).toThrow(DocxRefused);
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 400 }), (bytes) => {
        const zipLike = new Uint8Array([0x50, 0x4b, 0x03, 0x04, ...bytes]);
        expect(() => extractDocxText(zipLike)).toThrow(DocxRefused);
      }),
    );
  });
});

describe("wordXmlToText", () => {
  it("keeps w:t text with tabs and breaks, drops everything else", () => {
    const xml =
      '<w:body><w:p><w:pPr><w:pStyle w:val="Title"/></w:pPr><w:r><w:t>A</w:t><w:tab/><w:t xml:space="preserve"> b</w:t></w:r></w:p>' +
      "<w:p><w:r><w:instrText>PAGE</w:instrText><w:t>c&#233;&#x41;</w:t><w:br/><w:t>d</w:t></w:r></w:p><w:p/></w:body>";
    expect(wordXmlToText(xml)).toBe("A\t b\ncéA\nd");
  });

  it("never throws and never returns markup from random XML-ish text", () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.constantFrom("<w:p>", "</w:p>", "<w:t>", "</w:t>", "<w:tab/>", "a", "&amp;", "<x>", "&#0;"),
        ),
        (parts) => {
          const text = wordXmlToText(parts.join(""));
          expect(text).not.toContain("<w:");
        },
      ),
    );
  });
});

/** A page is lines of text, top to bottom, each with an optional font size (10 by default). */
export interface PdfLine {
  text: string;
  size?: number;
  bold?: boolean;
}

const PAGE_WIDTH = 595; // A4 in points
const PAGE_HEIGHT = 842;
const MARGIN = 50;

/**
 * A minimal PDF 1.4 writer (ISO 32000-1, https://opensource.adobe.com/dc-acrobat-sdk-docs/pdfstandards/PDF32000_2008.pdf):
 * text pages in the standard Helvetica fonts (no embedding), a catalog, a page tree and a byte-exact
 * cross-reference table. Text outside printable ASCII becomes '?' (the standard fonts' encoding).
 *
 * @example
 * const bytes = writePdf([[{ text: "Statement", size: 16, bold: true }, { text: "Total: 1.00 USD" }]]);
 */
export function writePdf(pages: readonly (readonly PdfLine[])[]): Buffer {
  const objects: string[] = [];
  const add = (body: string) => objects.push(body);
  add("<< /Type /Catalog /Pages 2 0 R >>");
  add(""); // the page tree, filled in once the pages' numbers are known
  add("<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>");
  add("<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica-Bold /Encoding /WinAnsiEncoding >>");
  const kids: number[] = [];
  for (const page of pages.length === 0 ? [[]] : pages) {
    const content = contentOf(page);
    add(`<< /Length ${Buffer.byteLength(content, "latin1")} >>\nstream\n${content}\nendstream`);
    const contentId = objects.length;
    add(
      `<< /Type /Page /Parent 2 0 R /MediaBox [0 0 ${PAGE_WIDTH} ${PAGE_HEIGHT}] ` +
        `/Resources << /Font << /F1 3 0 R /F2 4 0 R >> >> /Contents ${contentId} 0 R >>`,
    );
    kids.push(objects.length);
  }
  objects[1] = `<< /Type /Pages /Kids [${kids.map((k) => `${k} 0 R`).join(" ")}] /Count ${kids.length} >>`;
  let out = "%PDF-1.4\n%\xe2\xe3\xcf\xd3\n";
  const offsets: number[] = [];
  objects.forEach((body, i) => {
    offsets.push(Buffer.byteLength(out, "latin1"));
    out += `${i + 1} 0 obj\n${body}\nendobj\n`;
  });
  const xref = Buffer.byteLength(out, "latin1");
  out += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  for (const o of offsets) out += `${String(o).padStart(10, "0")} 00000 n \n`;
  out += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(out, "latin1");
}

/** How many lines of the default size fit on a page. */
export const LINES_PER_PAGE = Math.floor((PAGE_HEIGHT - 2 * MARGIN) / 14);

function contentOf(lines: readonly PdfLine[]): string {
  const ops: string[] = ["BT", `${MARGIN} ${PAGE_HEIGHT - MARGIN} Td`];
  let first = true;
  for (const line of lines) {
    const size = line.size ?? 10;
    if (!first) ops.push(`0 -${Math.round(size * 1.4)} Td`);
    first = false;
    ops.push(`/${line.bold ? "F2" : "F1"} ${size} Tf`, `(${escapeText(line.text)}) Tj`);
  }
  ops.push("ET");
  return ops.join("\n");
}

/** A PDF literal string's body: \ ( ) escaped, anything outside printable ASCII replaced by '?'. */
export function escapeText(text: string): string {
  return text.replace(/[^\x20-\x7e]/g, "?").replace(/[\\()]/g, (c) => `\\${c}`);
}

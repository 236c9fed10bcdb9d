import { expect } from "vitest";

/**
 * Checks a PDF's structure the way a reader does (startxref → xref table → every object's offset, each
 * stream's length) and returns its object count and the text of its Tj operators.
 *
 * @example
 * expect(inspectPdf(bytes).text).toContain("Total");
 */
export function inspectPdf(bytes: Buffer): { objects: number; text: string } {
  const s = bytes.toString("latin1");
  expect(s.startsWith("%PDF-1.4\n")).toBe(true);
  expect(s.endsWith("%%EOF\n")).toBe(true);
  const startxref = Number(/startxref\n(\d+)\n%%EOF\n$/.exec(s)?.[1]);
  expect(s.slice(startxref, startxref + 5)).toBe("xref\n");
  const [, , count] = /^xref\n(\d+) (\d+)\n/.exec(s.slice(startxref))!;
  const entries = s
    .slice(startxref)
    .split("\n")
    .slice(2, 2 + Number(count));
  expect(entries[0]).toBe("0000000000 65535 f ");
  entries.slice(1).forEach((entry, i) => {
    const offset = Number(entry.slice(0, 10));
    expect(s.slice(offset, offset + `${i + 1} 0 obj`.length)).toBe(`${i + 1} 0 obj`);
  });
  for (const m of s.matchAll(/<< \/Length (\d+) >>\nstream\n/g)) {
    const start = m.index + m[0].length;
    expect(s.slice(start + Number(m[1]), start + Number(m[1]) + 10)).toBe("\nendstream");
  }
  const text = [...s.matchAll(/\(((?:\\.|[^\\)])*)\) Tj/g)]
    .map((m) => m[1]!.replace(/\\(.)/g, "$1"))
    .join("\n");
  return { objects: Number(count) - 1, text };
}

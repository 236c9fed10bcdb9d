import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { GatewayError } from "../errors/gateway-error.js";
import { NdjsonParser } from "./ndjson-parser.js";

function parseAll(chunks: Array<Uint8Array | string>): unknown[] {
  const p = new NdjsonParser();
  return [...chunks.flatMap((c) => p.push(c)), ...p.end()];
}

describe("NdjsonParser", () => {
  it("parses one value per line, skipping blank lines, with CRLF and a last line without newline", () => {
    expect(parseAll(['{"a":1}\r\n\n{"b":', '2}\n{"c":3}'])).toEqual([{ a: 1 }, { b: 2 }, { c: 3 }]);
  });

  it("gives the same values for any split of the bytes, even inside a multi-byte character", () => {
    const value = fc.dictionary(fc.string({ maxLength: 5 }), fc.string({ unit: "grapheme", maxLength: 10 }));
    fc.assert(
      fc.property(fc.array(value, { maxLength: 6 }), fc.array(fc.nat(), { maxLength: 8 }), (values, cuts) => {
        const bytes = new TextEncoder().encode(values.map((v) => `${JSON.stringify(v)}\n`).join(""));
        const points = [...new Set(cuts.map((c) => c % (bytes.length + 1)))].sort((a, b) => a - b);
        const chunks: Uint8Array[] = [];
        let last = 0;
        for (const p of points) {
          chunks.push(bytes.slice(last, p));
          last = p;
        }
        chunks.push(bytes.slice(last));
        expect(parseAll(chunks)).toEqual(values);
      }),
    );
  });

  it("throws an upstream_error GatewayError for a line that is not JSON, also at the end", () => {
    const codeOf = (f: () => unknown) => {
      try {
        f();
      } catch (err) {
        return err instanceof GatewayError ? err.code : "not a GatewayError";
      }
      return "no error";
    };
    expect(codeOf(() => new NdjsonParser().push('{"ok":true}\nnot json\n'))).toBe("upstream_error");
    const p = new NdjsonParser();
    p.push("{oops");
    expect(codeOf(() => p.end())).toBe("upstream_error");
  });
});

import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { GatewayError } from "../errors/gateway-error.js";
import { jsonValueArb, jsonValueArbOf } from "../testing/json-value-arb.js";
import { MAX_JSON_DEPTH } from "./max-json-depth.js";
import { parseJsonObject } from "./parse-json-object.js";

function thrown(fn: () => unknown): GatewayError {
  try {
    fn();
  } catch (err) {
    if (err instanceof GatewayError) return err;
    throw err;
  }
  throw new Error("expected a GatewayError");
}

/** `{"a":` … nested `depth` levels in all, objects and arrays alternating, as JSON text. */
function nested(depth: number): string {
  let open = "";
  let close = "";
  for (let level = 1; level <= depth; level++) {
    const object = level % 2 === 1;
    open += object ? (level === depth ? "{" : '{"a":') : "[";
    close = (object ? "}" : "]") + close;
  }
  return open + close;
}

describe("parseJsonObject", () => {
  it("parses an object from a Buffer or a string", () => {
    expect(parseJsonObject(Buffer.from('{"model":"m","n":[1,{"x":"é"}]}'))).toEqual({
      model: "m",
      n: [1, { x: "é" }],
    });
    expect(parseJsonObject(' {"a":1} ')).toEqual({ a: 1 });
  });

  it.each([
    ["", "invalid_json", /empty/],
    ["  \n ", "invalid_json", /empty/],
    ["{", "invalid_json", /not valid JSON: .*JSON/],
    ["nope", "invalid_json", /not valid JSON/],
    ["[1,2]", "invalid_request", /must be a JSON object/],
    ["null", "invalid_request", /must be a JSON object/],
    ['"text"', "invalid_request", /must be a JSON object/],
  ])("refuses %j with %s", (body, code, message) => {
    const err = thrown(() => parseJsonObject(body));
    expect(err.code).toBe(code);
    expect(err.status).toBe(400);
    expect(err.message).toMatch(message);
  });

  it("accepts nesting up to maxDepth and refuses one level more, objects and arrays alike", () => {
    expect(() => parseJsonObject(nested(MAX_JSON_DEPTH))).not.toThrow();
    const err = thrown(() => parseJsonObject(nested(MAX_JSON_DEPTH + 1)));
    expect(err.code).toBe("invalid_request");
    expect(err.message).toMatch(/deeper than 128 levels/);
    expect(() => parseJsonObject(nested(5), { maxDepth: 5 })).not.toThrow();
    expect(
      thrown(() => parseJsonObject(`{"a":${"[".repeat(5)}${"]".repeat(5)}}`, { maxDepth: 5 })).code,
    ).toBe("invalid_request");
  });

  it("does not count brackets inside strings, escaped quotes included", () => {
    const text = JSON.stringify({ a: `${"[{".repeat(500)}\\"${"[".repeat(500)}`, b: '\\"', c: "\\\\" });
    expect(parseJsonObject(text, { maxDepth: 1 })).toEqual(JSON.parse(text));
  });

  it("refuses 100,000 levels with a 400 and no stack overflow", () => {
    const deep = `{"a":${"[".repeat(100_000)}${"]".repeat(100_000)}}`;
    expect(thrown(() => parseJsonObject(Buffer.from(deep))).code).toBe("invalid_request");
    const unclosed = `{"a":${"[".repeat(100_000)}`;
    expect(thrown(() => parseJsonObject(unclosed)).status).toBe(400);
  });

  it("parses any JSON object within the depth equal to JSON.parse", () => {
    const objectArb = fc.dictionary(fc.string(), jsonValueArbOf({ maxDepth: 6 }));
    fc.assert(
      fc.property(objectArb, fc.boolean(), (value, asBuffer) => {
        const text = JSON.stringify(value);
        expect(parseJsonObject(asBuffer ? Buffer.from(text) : text)).toEqual(JSON.parse(text));
      }),
    );
  });

  it("refuses any value nested one level beyond the bound with a 400", () => {
    fc.assert(
      fc.property(jsonValueArb, fc.integer({ min: 1, max: 20 }), (leaf, maxDepth) => {
        // The body is level 1, so `value` reaching maxDepth levels puts the body one level over.
        let value: unknown = [leaf];
        for (let level = 2; level <= maxDepth; level++) value = level % 2 === 0 ? { k: value } : [value];
        const text = JSON.stringify({ body: value });
        const err = thrown(() => parseJsonObject(text, { maxDepth }));
        expect(err.code).toBe("invalid_request");
      }),
    );
  });

  it("throws nothing but a 400-class GatewayError for arbitrary bytes or text", () => {
    const bytes = fc.uint8Array({ maxLength: 200 }).map((b) => Buffer.from(b));
    const brackets = fc.array(fc.constantFrom("[", "]", "{", "}", '"', "\\", ",", ":", "1", "a"), {
      maxLength: 300,
    });
    fc.assert(
      fc.property(
        fc.oneof(
          bytes,
          fc.string(),
          brackets.map((cs) => cs.join("")),
        ),
        (body) => {
          try {
            parseJsonObject(body, { maxDepth: 4 });
          } catch (err) {
            expect(err).toBeInstanceOf(GatewayError);
            expect((err as GatewayError).status).toBe(400);
          }
        },
      ),
      { numRuns: 2000 },
    );
  });
});

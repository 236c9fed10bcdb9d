import { describe, expect, it } from "vitest";
import { GatewayError } from "../errors/gateway-error.js";
import { MAX_JSON_DEPTH } from "../json/max-json-depth.js";
import { parseJsonObject } from "../json/parse-json-object.js";
import { normalizeGeminiKeys } from "./normalize-gemini-keys.js";

/** JSON text of an object `levels` deep in all, alternating objects and arrays, every key snake_case. */
function deepBody(levels: number): string {
  let text = "{}";
  for (let level = levels - 1; level >= 1; level--) text = level % 2 === 0 ? `[${text}]` : `{"a_b":${text}}`;
  return text;
}

describe("normalizeGeminiKeys", () => {
  it("camel-cases field names but not free-form values or property names", () => {
    const body = JSON.parse(
      '{"generation_config":{"response_json_schema":{"max_items":1}},"tools":[{"function_declarations":[{"parameters":{"properties":{"user_id":{"max_length":3}}}}]}],"contents":[{"parts":[{"function_call":{"args":{"__proto__":{"x":1},"a_b":2}}}]}]}',
    );
    expect(normalizeGeminiKeys(body)).toEqual({
      generationConfig: { responseJsonSchema: { max_items: 1 } },
      tools: [{ functionDeclarations: [{ parameters: { properties: { user_id: { maxLength: 3 } } } }] }],
      contents: [{ parts: [{ functionCall: { args: JSON.parse('{"__proto__":{"x":1},"a_b":2}') } }] }],
    });
    expect(normalizeGeminiKeys({ a_b_c: 1 })).toEqual({ aBC: 1 });
  });

  it("keeps a __proto__ key as data instead of changing the prototype", () => {
    const out = normalizeGeminiKeys(JSON.parse('{"__proto__":{"polluted":true}}')) as Record<string, unknown>;
    expect(Object.getPrototypeOf(out)).toBe(Object.prototype);
    expect(Object.keys(out)).toEqual(["__proto__"]);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it("normalizes any body the server lets through and refuses deeper ones with a 400, not a stack overflow", () => {
    const atBound = parseJsonObject(deepBody(MAX_JSON_DEPTH));
    expect(JSON.stringify(normalizeGeminiKeys(atBound))).not.toContain("a_b");
    expect(() => parseJsonObject(deepBody(MAX_JSON_DEPTH + 1))).toThrow(GatewayError);
    for (const levels of [MAX_JSON_DEPTH + 1, 100_000]) {
      let err: unknown;
      try {
        normalizeGeminiKeys(JSON.parse(deepBody(levels)));
      } catch (e) {
        err = e;
      }
      expect(err).toBeInstanceOf(GatewayError);
      expect((err as GatewayError).status).toBe(400);
    }
  });
});

import { describe, expect, it } from "vitest";
import { normalizeGeminiKeys } from "./normalize-gemini-keys.js";

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
});

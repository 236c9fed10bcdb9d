import { describe, expect, it } from "vitest";
import { GatewayError } from "../errors/gateway-error.js";
import { jsonValueDepthExceeds } from "../json/json-value-depth-exceeds.js";
import { MAX_JSON_DEPTH } from "../json/max-json-depth.js";
import { decodeGeminiSchema } from "./decode-gemini-schema.js";

/** A schema of `levels` nesting levels, as JSON counts them: items / anyOf lists / properties maps. */
function deepSchema(levels: number): Record<string, unknown> {
  let schema: Record<string, unknown> = { type: "STRING" };
  let depth = 1;
  while (depth + 2 <= levels) {
    schema = depth % 2 === 0 ? { anyOf: [schema] } : { type: "OBJECT", properties: { p: schema } };
    depth += 2;
  }
  return depth < levels ? { type: "ARRAY", items: schema } : schema;
}

describe("decodeGeminiSchema", () => {
  it("lower-cases types, folds nullable, drops propertyOrdering, recurses into items and anyOf", () => {
    expect(
      decodeGeminiSchema(
        {
          type: "OBJECT",
          propertyOrdering: ["list"],
          properties: {
            list: { type: "ARRAY", items: { type: "INTEGER", format: "int32" }, maxItems: "3" },
            either: { anyOf: [{ type: "STRING" }, { type: "NUMBER", nullable: true }] },
            TYPE: { type: "BOOLEAN", description: "a property named like a keyword" },
          },
          required: ["list"],
        },
        "parameters",
      ),
    ).toEqual({
      type: "object",
      properties: {
        list: { type: "array", items: { type: "integer", format: "int32" }, maxItems: "3" },
        either: { anyOf: [{ type: "string" }, { type: ["number", "null"] }] },
        TYPE: { type: "boolean", description: "a property named like a keyword" },
      },
      required: ["list"],
    });
  });

  it("decodes a schema nested to the bound and refuses one level more with a 400, even 100,000 deep", () => {
    expect(jsonValueDepthExceeds(deepSchema(MAX_JSON_DEPTH), MAX_JSON_DEPTH)).toBe(false);
    expect(jsonValueDepthExceeds(deepSchema(MAX_JSON_DEPTH + 1), MAX_JSON_DEPTH)).toBe(true);
    expect(JSON.stringify(decodeGeminiSchema(deepSchema(MAX_JSON_DEPTH), "p"))).toMatch(/"type":"string"/);
    for (const levels of [MAX_JSON_DEPTH + 1, 100_000]) {
      let err: unknown;
      try {
        decodeGeminiSchema(deepSchema(levels), "tools[0].functionDeclarations[0].parameters");
      } catch (e) {
        err = e;
      }
      expect(err).toBeInstanceOf(GatewayError);
      expect((err as GatewayError).code).toBe("invalid_request");
      expect((err as GatewayError).details.param).toBe("tools[0].functionDeclarations[0].parameters");
    }
  });
});

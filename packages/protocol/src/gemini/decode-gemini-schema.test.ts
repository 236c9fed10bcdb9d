import { describe, expect, it } from "vitest";
import { decodeGeminiSchema } from "./decode-gemini-schema.js";

describe("decodeGeminiSchema", () => {
  it("lower-cases types, folds nullable, drops propertyOrdering, recurses into items and anyOf", () => {
    expect(
      decodeGeminiSchema({
        type: "OBJECT",
        propertyOrdering: ["list"],
        properties: {
          list: { type: "ARRAY", items: { type: "INTEGER", format: "int32" }, maxItems: "3" },
          either: { anyOf: [{ type: "STRING" }, { type: "NUMBER", nullable: true }] },
          TYPE: { type: "BOOLEAN", description: "a property named like a keyword" },
        },
        required: ["list"],
      }),
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
});

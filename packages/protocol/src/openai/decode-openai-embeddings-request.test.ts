import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { GatewayError } from "../errors/gateway-error.js";
import { jsonValueArb } from "../testing/json-value-arb.js";
import { decodeOpenAIEmbeddingsRequest } from "./decode-openai-embeddings-request.js";
import { encodeOpenAIEmbeddingsRequest } from "./encode-openai-embeddings-request.js";

describe("OpenAI embeddings requests", () => {
  it("decodes a string or an array of strings, with dimensions and encoding format", () => {
    expect(decodeOpenAIEmbeddingsRequest({ model: "e", input: "hello" })).toEqual({
      model: "e",
      input: ["hello"],
    });
    const ir = decodeOpenAIEmbeddingsRequest({
      model: "e",
      input: ["a", "b"],
      dimensions: 256,
      encoding_format: "base64",
      user: "u",
    });
    expect(ir).toEqual({ model: "e", input: ["a", "b"], dimensions: 256, encodingFormat: "base64" });
    expect(encodeOpenAIEmbeddingsRequest(ir, "text-embedding-3-small")).toEqual({
      body: {
        model: "text-embedding-3-small",
        input: ["a", "b"],
        dimensions: 256,
        encoding_format: "base64",
      },
      warnings: [],
    });
  });

  it.each([
    [{ model: "e", input: [1, 2, 3] }, "input[0]"],
    [{ model: "e", input: [] }, "input"],
    [{ model: "e", input: "x", encoding_format: "int8" }, "encoding_format"],
    [{ model: "e", input: "x", dimensions: 0 }, "dimensions"],
    [{ input: "x" }, "model"],
  ])("refuses %j naming %s", (body, param) => {
    try {
      decodeOpenAIEmbeddingsRequest(body);
      expect.unreachable();
    } catch (err) {
      expect(err).toBeInstanceOf(GatewayError);
      expect((err as GatewayError).details.param).toBe(param);
      expect((err as GatewayError).status).toBe(400);
    }
  });

  it("throws only 400-class GatewayErrors for arbitrary JSON", () => {
    fc.assert(
      fc.property(jsonValueArb, (value) => {
        try {
          decodeOpenAIEmbeddingsRequest(value);
        } catch (err) {
          expect((err as GatewayError).status).toBe(400);
        }
      }),
    );
  });
});

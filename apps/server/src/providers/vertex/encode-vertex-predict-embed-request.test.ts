import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { encodeVertexPredictEmbedRequest } from "./encode-vertex-predict-embed-request.js";

describe("encodeVertexPredictEmbedRequest", () => {
  it("sends one content instance per input and the dimensions as outputDimensionality", () => {
    expect(encodeVertexPredictEmbedRequest({ model: "p", input: ["a", "b"], dimensions: 256 })).toEqual({
      body: {
        instances: [{ content: "a" }, { content: "b" }],
        parameters: { outputDimensionality: 256 },
      },
      warnings: [],
    });
  });

  it("sends no parameters without dimensions, and ignores the client's encoding format", () => {
    const { body } = encodeVertexPredictEmbedRequest({ model: "p", input: ["a"], encodingFormat: "base64" });
    expect(body).toEqual({ instances: [{ content: "a" }] });
  });

  it("keeps every input, in order, through JSON text", () => {
    fc.assert(
      fc.property(
        fc.array(fc.string()),
        fc.option(fc.integer({ min: 1, max: 3072 }), { nil: undefined }),
        (input, dimensions) => {
          const ir = dimensions === undefined ? { model: "p", input } : { model: "p", input, dimensions };
          const sent = JSON.parse(JSON.stringify(encodeVertexPredictEmbedRequest(ir).body)) as {
            instances: Array<{ content: string }>;
            parameters?: { outputDimensionality: number };
          };
          expect(sent.instances.map((i) => i.content)).toEqual(input);
          expect(sent.parameters?.outputDimensionality).toBe(dimensions);
        },
      ),
    );
  });
});

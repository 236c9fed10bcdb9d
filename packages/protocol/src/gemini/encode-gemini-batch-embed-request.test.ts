import { describe, expect, it } from "vitest";
import { GatewayError } from "../errors/gateway-error.js";
import { decodeGeminiBatchEmbedResponse } from "./decode-gemini-batch-embed-response.js";
import { encodeGeminiBatchEmbedRequest } from "./encode-gemini-batch-embed-request.js";
import { encodeGeminiBatchEmbedResponse } from "./encode-gemini-batch-embed-response.js";
import { encodeGeminiEmbedContentResponse } from "./encode-gemini-embed-content-response.js";

describe("Gemini embedding upstream and answers", () => {
  it("encodes one EmbedContentRequest per input", () => {
    expect(
      encodeGeminiBatchEmbedRequest(
        { model: "pub", input: ["a", "b"], dimensions: 64 },
        "gemini-embedding-001",
      ),
    ).toEqual({
      body: {
        requests: [
          {
            model: "models/gemini-embedding-001",
            content: { parts: [{ text: "a" }] },
            outputDimensionality: 64,
          },
          {
            model: "models/gemini-embedding-001",
            content: { parts: [{ text: "b" }] },
            outputDimensionality: 64,
          },
        ],
      },
      warnings: [],
    });
  });

  it("decodes the batch answer and refuses a malformed one", () => {
    expect(
      decodeGeminiBatchEmbedResponse({ embeddings: [{ values: [0.1, 0.2] }, { values: [0.3] }] }, "pub"),
    ).toEqual({
      model: "pub",
      vectors: [[0.1, 0.2], [0.3]],
      inputTokens: 0,
    });
    expect(() => decodeGeminiBatchEmbedResponse({ embeddings: [{ values: ["x"] }] }, "pub")).toThrow(
      GatewayError,
    );
  });

  it("encodes embedContent and batchEmbedContents answers", () => {
    const ir = { model: "pub", vectors: [[1, 2], [3]], inputTokens: 4 };
    expect(encodeGeminiEmbedContentResponse(ir)).toEqual({ embedding: { values: [1, 2] } });
    expect(encodeGeminiBatchEmbedResponse(ir)).toEqual({ embeddings: [{ values: [1, 2] }, { values: [3] }] });
  });
});

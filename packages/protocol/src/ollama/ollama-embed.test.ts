import { describe, expect, it } from "vitest";
import { GatewayError } from "../errors/gateway-error.js";
import { decodeOllamaEmbedResponse } from "./decode-ollama-embed-response.js";
import { encodeOllamaEmbedRequest } from "./encode-ollama-embed-request.js";

describe("Ollama embeddings", () => {
  it("encodes POST /api/embed with dimensions, leaving the encoding format to the client side", () => {
    expect(
      encodeOllamaEmbedRequest(
        { model: "e", input: ["a", "b"], dimensions: 64, encodingFormat: "base64" },
        "all-minilm",
      ),
    ).toEqual({
      body: { model: "all-minilm", input: ["a", "b"], dimensions: 64 },
      warnings: [],
    });
  });

  it("decodes the documented answer", () => {
    const body = {
      model: "all-minilm",
      embeddings: [
        [0.010071029, -0.0017594862],
        [-0.0098027075, 0.06042469],
      ],
      total_duration: 14143917,
      load_duration: 1019500,
      prompt_eval_count: 8,
    };
    expect(decodeOllamaEmbedResponse(body)).toEqual({
      model: "all-minilm",
      vectors: body.embeddings,
      inputTokens: 8,
    });
  });

  it("refuses a malformed answer as an upstream error", () => {
    expect(() => decodeOllamaEmbedResponse({ embeddings: [["x"]] })).toThrow(GatewayError);
    expect(() => decodeOllamaEmbedResponse({ embeddings: [["x"]] })).toThrow(/embeddings\[0\]\[0\]/);
  });
});

import { describe, expect, it } from "vitest";
import { GatewayError } from "../errors/gateway-error.js";
import { decodeOpenAIEmbeddingsResponse } from "./decode-openai-embeddings-response.js";
import { encodeOpenAIEmbeddingsResponse } from "./encode-openai-embeddings-response.js";

const upstream = {
  object: "list",
  data: [
    { object: "embedding", index: 1, embedding: "AACAPwAAAD8=" },
    { object: "embedding", index: 0, embedding: [0.25, -1] },
  ],
  model: "text-embedding-3-small",
  usage: { prompt_tokens: 8, total_tokens: 8 },
};

describe("OpenAI embeddings responses", () => {
  it("decodes float and base64 vectors in index order", () => {
    expect(decodeOpenAIEmbeddingsResponse(upstream)).toEqual({
      model: "text-embedding-3-small",
      vectors: [
        [0.25, -1],
        [1, 0.5],
      ],
      inputTokens: 8,
    });
  });

  it("encodes floats or base64 as the client asked, and decodes its own output back", () => {
    const ir = decodeOpenAIEmbeddingsResponse(upstream);
    expect(encodeOpenAIEmbeddingsResponse(ir, "my-embedder")).toEqual({
      object: "list",
      data: [
        { object: "embedding", index: 0, embedding: [0.25, -1] },
        { object: "embedding", index: 1, embedding: [1, 0.5] },
      ],
      model: "my-embedder",
      usage: { prompt_tokens: 8, total_tokens: 8 },
    });
    const b64 = encodeOpenAIEmbeddingsResponse(ir, "my-embedder", "base64");
    expect(b64.data[1]!.embedding).toBe("AACAPwAAAD8=");
    expect(decodeOpenAIEmbeddingsResponse(b64).vectors).toEqual(ir.vectors);
  });

  it("refuses a malformed vector as an upstream error", () => {
    const bad = { data: [{ index: 0, embedding: "###" }] };
    expect(() => decodeOpenAIEmbeddingsResponse(bad)).toThrow(GatewayError);
    expect(() => decodeOpenAIEmbeddingsResponse(bad)).toThrow(/data\[0\]\.embedding/);
  });
});

import { describe, expect, it } from "vitest";
import type { UpstreamTarget } from "../upstream-target.js";
import { openaiEmbeddings } from "./openai-embeddings.js";

const target: UpstreamTarget = {
  id: "p",
  name: "o",
  kind: "openai",
  origin: "https://api.openai.com",
  basePath: "/v1",
  headers: { authorization: "Bearer k" },
  credentials: {},
  config: {},
};

describe("openaiEmbeddings", () => {
  it("converts to POST {base}/embeddings with the upstream model, dimensions and format", () => {
    const up = openaiEmbeddings.request(
      { model: "pub", input: ["a"], dimensions: 3, encodingFormat: "float" },
      "text-embedding-3-small",
      target,
    );
    expect(up.path).toBe("/v1/embeddings");
    expect(JSON.parse(String(up.body))).toEqual({
      model: "text-embedding-3-small",
      input: ["a"],
      dimensions: 3,
      encoding_format: "float",
    });
  });

  it("passes the client's body through with only the model renamed", () => {
    const raw = Buffer.from(
      JSON.stringify({ model: "pub", input: "a", encoding_format: "base64", user: "u" }),
    );
    const up = openaiEmbeddings.passthroughRequest!(raw, "text-embedding-3-small", target, "embeddings");
    expect(up.path).toBe("/v1/embeddings");
    expect(JSON.parse(String(up.body))).toEqual({
      model: "text-embedding-3-small",
      input: "a",
      encoding_format: "base64",
      user: "u",
    });
  });

  it("takes at most 2048 inputs a call, as OpenAI documents", () => {
    expect(openaiEmbeddings.maxInputsPerCall?.("text-embedding-3-small")).toBe(2048);
  });

  it("decodes the answer under the public model name, with prompt_tokens as input tokens", () => {
    const ir = openaiEmbeddings.decodeResponse(
      {
        object: "list",
        model: "text-embedding-3-small",
        data: [{ object: "embedding", index: 0, embedding: [0.25] }],
        usage: { prompt_tokens: 2, total_tokens: 2 },
      },
      "pub",
    );
    expect(ir).toEqual({ model: "pub", vectors: [[0.25]], inputTokens: 2 });
  });
});

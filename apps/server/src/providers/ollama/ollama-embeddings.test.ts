import { describe, expect, it } from "vitest";
import type { UpstreamTarget } from "../upstream-target.js";
import { ollamaEmbeddings } from "./ollama-embeddings.js";

const target: UpstreamTarget = {
  id: "p",
  name: "l",
  kind: "ollama",
  origin: "http://127.0.0.1:11434",
  basePath: "",
  headers: { "content-type": "application/json" },
  credentials: {},
  config: {},
};

describe("ollamaEmbeddings", () => {
  it("converts to POST /api/embed with the inputs and dimensions", () => {
    const up = ollamaEmbeddings.request(
      { model: "pub", input: ["a", "b"], dimensions: 2 },
      "all-minilm",
      target,
    );
    expect(up.path).toBe("/api/embed");
    expect(JSON.parse(String(up.body))).toEqual({ model: "all-minilm", input: ["a", "b"], dimensions: 2 });
  });

  it("has no passthrough (no client speaks Ollama's format) and no limit on inputs a call", () => {
    expect(ollamaEmbeddings.passthroughRequest).toBeUndefined();
    expect(ollamaEmbeddings.maxInputsPerCall).toBeUndefined();
  });

  it("decodes the answer under the public model name, prompt_eval_count as input tokens", () => {
    const ir = ollamaEmbeddings.decodeResponse(
      { model: "all-minilm", embeddings: [[1, 2]], prompt_eval_count: 4 },
      "pub",
    );
    expect(ir).toEqual({ model: "pub", vectors: [[1, 2]], inputTokens: 4 });
  });
});

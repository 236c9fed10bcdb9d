import { describe, expect, it } from "vitest";
import type { UpstreamTarget } from "../upstream-target.js";
import { geminiEmbeddings } from "./gemini-embeddings.js";

const target: UpstreamTarget = {
  id: "p",
  name: "g",
  kind: "gemini",
  origin: "https://generativelanguage.googleapis.com",
  basePath: "/v1beta",
  headers: { "x-goog-api-key": "k" },
  credentials: {},
  config: {},
};

describe("geminiEmbeddings", () => {
  it("converts any number of inputs to one batchEmbedContents call with the dimensions on each", () => {
    const up = geminiEmbeddings.request(
      { model: "pub", input: ["a", "b"], dimensions: 4 },
      "gemini-embedding-001",
      target,
    );
    expect(up.path).toBe("/v1beta/models/gemini-embedding-001:batchEmbedContents");
    expect(up.headers).toBe(target.headers);
    expect(JSON.parse(String(up.body))).toEqual({
      requests: [
        {
          model: "models/gemini-embedding-001",
          content: { parts: [{ text: "a" }] },
          outputDimensionality: 4,
        },
        {
          model: "models/gemini-embedding-001",
          content: { parts: [{ text: "b" }] },
          outputDimensionality: 4,
        },
      ],
    });
  });

  it("passes a Gemini client's body through to its own method", () => {
    const raw = Buffer.from(JSON.stringify({ content: { parts: [{ text: "a" }] } }));
    const up = geminiEmbeddings.passthroughRequest!(raw, "gemini-embedding-001", target, "embedContent");
    expect(up.path).toBe("/v1beta/models/gemini-embedding-001:embedContent");
    expect(up.body).toBe(raw);
  });

  it("decodes the batch answer under the public model name", () => {
    const ir = geminiEmbeddings.decodeResponse({ embeddings: [{ values: [0.5, -1] }] }, "pub");
    expect(ir).toEqual({ model: "pub", vectors: [[0.5, -1]], inputTokens: 0 });
  });
});

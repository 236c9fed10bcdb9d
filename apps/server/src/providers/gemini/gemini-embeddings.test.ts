import { fakeEmbedding, startFakeGemini } from "@gatehouse/test-support";
import { describe, expect, it } from "vitest";
import { sendUpstream } from "../testing/send-upstream.js";
import type { UpstreamTarget } from "../upstream-target.js";
import { geminiAdapter } from "./gemini-adapter.js";
import { GEMINI_MAX_BATCH_EMBED_REQUESTS, geminiEmbeddings } from "./gemini-embeddings.js";

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

  it("takes at most 100 inputs a call, for every model", () => {
    expect(GEMINI_MAX_BATCH_EMBED_REQUESTS).toBe(100);
    expect(geminiEmbeddings.maxInputsPerCall?.("gemini-embedding-001")).toBe(100);
  });

  it("is refused by Gemini beyond 100 inputs, and gets every vector in order when split by its limit", async () => {
    const fake = await startFakeGemini({ apiKey: "k" });
    try {
      const t = { ...target, origin: fake.origin };
      const input = Array.from({ length: 250 }, (_, i) => `text ${i}`);
      const ir = { model: "pub", input, dimensions: 2 };
      const whole = await sendUpstream(t, geminiEmbeddings.request(ir, "gemini-embedding-001", t));
      expect(whole.status).toBe(400);
      const error = geminiAdapter.decodeError(400, whole.bytes.toString(), whole.headers, Date.now());
      expect(error.status).toBe(400);
      expect(error.message).toMatch(/at most 100 requests can be in one batch/);
      const limit = geminiEmbeddings.maxInputsPerCall!("gemini-embedding-001")!;
      const vectors: number[][] = [];
      for (let i = 0; i < input.length; i += limit) {
        const part = { ...ir, input: input.slice(i, i + limit) };
        const r = await sendUpstream(t, geminiEmbeddings.request(part, "gemini-embedding-001", t));
        expect(r.status).toBe(200);
        vectors.push(...geminiEmbeddings.decodeResponse(r.json, "pub").vectors);
      }
      expect(fake.requests).toHaveLength(4);
      expect(vectors).toEqual(input.map((text) => fakeEmbedding(text, 2)));
    } finally {
      await fake.close();
    }
  });
});

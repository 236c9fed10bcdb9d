import { fakeEmbedding } from "@gatehouse/test-support";
import { expect } from "vitest";
import type { PipelineDriver } from "./pipeline-driver.js";
import type { RawRequest } from "./raw-call.js";

/** The inputs every embeddings row sends; each fake answers fakeEmbedding(input, 8) for each. */
export const EMBED_INPUTS = ["alpha bravo", "charlie delta echo"];
const JSON_TYPE = { "content-type": "application/json" };
const vectors = () => EMBED_INPUTS.map((t) => fakeEmbedding(t, 8));

/** One Gemini EmbedContentRequest. @see https://ai.google.dev/api/embeddings#EmbedContentRequest */
export function geminiEmbedRequest(model: string, text: string): Record<string, unknown> {
  return { model: `models/${model}`, content: { parts: [{ text }] } };
}

/**
 * OpenAI embeddings (floats, the API's default encoding): to OpenAI (passthrough) and Gemini.
 * @see https://platform.openai.com/docs/api-reference/embeddings/create
 */
const openaiEmbeddings: PipelineDriver = {
  name: "openai embeddings",
  surface: "openai",
  operation: "embeddings",
  stream: false,
  family: "embeddings",
  upstreams: ["openai", "gemini"],
  readsBody: true,
  request: (model) => openaiEmbeddings.withBody(model, JSON.stringify({ model, input: EMBED_INPUTS })),
  withBody: (_model, body): RawRequest => ({
    method: "POST",
    path: "/v1/embeddings",
    query: {},
    headers: JSON_TYPE,
    body,
  }),
  wrongTypes: (model) => ({ model, input: { text: "x" } }),
  expectSuccess: (answer) => {
    const json = JSON.parse(answer.body) as {
      object: string;
      data: Array<{ embedding: number[]; index: number }>;
    };
    expect(json.object).toBe("list");
    expect(json.data.map((d) => d.embedding)).toEqual(vectors());
    expect(json.data.map((d) => d.index)).toEqual([0, 1]);
  },
};

/** The path of a Gemini model method. @see https://ai.google.dev/api/embeddings */
function geminiPost(model: string, method: string, body: string): RawRequest {
  return {
    method: "POST",
    path: `/v1beta/models/${encodeURIComponent(model)}:${method}`,
    query: {},
    headers: JSON_TYPE,
    body,
  };
}

/**
 * Gemini embedContent (one content of several parts: one input) to Gemini (passthrough) and OpenAI.
 * @see https://ai.google.dev/api/embeddings#method:-models.embedcontent
 */
const geminiEmbedContent: PipelineDriver = {
  name: "gemini embedContent",
  surface: "gemini",
  operation: "embeddings",
  stream: false,
  family: "embeddings",
  upstreams: ["gemini", "openai"],
  readsBody: true,
  request: (model) =>
    geminiPost(model, "embedContent", JSON.stringify({ content: { parts: [{ text: EMBED_INPUTS[0] }] } })),
  withBody: (model, body) => geminiPost(model, "embedContent", body),
  wrongTypes: () => ({ content: "x" }),
  expectSuccess: (answer) => {
    expect(JSON.parse(answer.body)).toEqual({ embedding: { values: vectors()[0] } });
  },
};

/**
 * Gemini batchEmbedContents to Gemini (passthrough) and OpenAI.
 * @see https://ai.google.dev/api/embeddings#method:-models.batchembedcontents
 */
const geminiBatchEmbed: PipelineDriver = {
  name: "gemini batchEmbedContents",
  surface: "gemini",
  operation: "embeddings",
  stream: false,
  family: "embeddings",
  upstreams: ["gemini", "openai"],
  readsBody: true,
  request: (model) =>
    geminiPost(
      model,
      "batchEmbedContents",
      JSON.stringify({ requests: EMBED_INPUTS.map((t) => geminiEmbedRequest(model, t)) }),
    ),
  withBody: (model, body) => geminiPost(model, "batchEmbedContents", body),
  wrongTypes: () => ({ requests: "x" }),
  expectSuccess: (answer) => {
    expect(JSON.parse(answer.body)).toEqual({ embeddings: vectors().map((values) => ({ values })) });
  },
};

export const EMBEDDINGS_DRIVERS: readonly PipelineDriver[] = [
  openaiEmbeddings,
  geminiEmbedContent,
  geminiBatchEmbed,
];

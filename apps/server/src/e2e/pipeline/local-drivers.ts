import { expect } from "vitest";
import type { PipelineDriver } from "./pipeline-driver.js";
import type { RawRequest } from "./raw-call.js";

const JSON_TYPE = { "content-type": "application/json" };
const ANTHROPIC = { "anthropic-version": "2023-06-01" };
const TEXT = "Hello there, how many tokens is this?";

/** Rows the gateway answers itself: no upstream is ever called. */
const local = { stream: false, upstreams: [] } as const;

/** @see https://docs.anthropic.com/en/api/messages-count-tokens */
const anthropicCountTokens: PipelineDriver = {
  ...local,
  name: "anthropic count_tokens",
  surface: "anthropic",
  operation: "count_tokens",
  family: "chat",
  readsBody: true,
  request: (model) =>
    anthropicCountTokens.withBody(
      model,
      JSON.stringify({ model, messages: [{ role: "user", content: TEXT }] }),
    ),
  withBody: (_model, body): RawRequest => ({
    method: "POST",
    path: "/v1/messages/count_tokens",
    query: {},
    headers: { ...JSON_TYPE, ...ANTHROPIC },
    body,
  }),
  wrongTypes: (model) => ({ model, messages: TEXT }),
  expectSuccess: (answer) => {
    const json = JSON.parse(answer.body) as { input_tokens: number };
    expect(Object.keys(json)).toEqual(["input_tokens"]);
    expect(Number.isInteger(json.input_tokens) && json.input_tokens > 0).toBe(true);
  },
};

/** @see https://ai.google.dev/api/tokens#method:-models.counttokens */
const geminiCountTokens: PipelineDriver = {
  ...local,
  name: "gemini countTokens",
  surface: "gemini",
  operation: "count_tokens",
  family: "chat",
  readsBody: true,
  request: (model) =>
    geminiCountTokens.withBody(
      model,
      JSON.stringify({ contents: [{ role: "user", parts: [{ text: TEXT }] }] }),
    ),
  withBody: (model, body): RawRequest => ({
    method: "POST",
    path: `/v1beta/models/${encodeURIComponent(model)}:countTokens`,
    query: {},
    headers: JSON_TYPE,
    body,
  }),
  wrongTypes: () => ({ contents: 3 }),
  expectSuccess: (answer) => {
    const json = JSON.parse(answer.body) as { totalTokens: number };
    expect(Number.isInteger(json.totalTokens) && json.totalTokens > 0).toBe(true);
  },
};

/** @see https://platform.openai.com/docs/api-reference/responses/input-tokens */
const responsesInputTokens: PipelineDriver = {
  ...local,
  name: "openai responses input_tokens",
  surface: "responses",
  operation: "count_tokens",
  family: "chat",
  readsBody: true,
  request: (model) => responsesInputTokens.withBody(model, JSON.stringify({ model, input: TEXT })),
  withBody: (_model, body): RawRequest => ({
    method: "POST",
    path: "/v1/responses/input_tokens",
    query: {},
    headers: JSON_TYPE,
    body,
  }),
  wrongTypes: (model) => ({ model, input: 3 }),
  expectSuccess: (answer) => {
    const json = JSON.parse(answer.body) as { object: string; input_tokens: number };
    expect(Object.keys(json)).toEqual(["object", "input_tokens"]);
    expect(json.object).toBe("response.input_tokens");
    expect(Number.isInteger(json.input_tokens) && json.input_tokens > 0).toBe(true);
  },
};

/** A model list row: GET, no body, no model. */
function modelList(
  name: string,
  surface: PipelineDriver["surface"],
  request: RawRequest,
  expectSuccess: PipelineDriver["expectSuccess"],
): PipelineDriver {
  return {
    ...local,
    name,
    surface,
    operation: "models",
    family: undefined,
    readsBody: false,
    request: () => request,
    withBody: () => request,
    wrongTypes: () => ({}),
    expectSuccess,
  };
}

/** The ids of the models a list names, in any of the three shapes. */
function listedIds(body: string): string[] {
  const json = JSON.parse(body) as { data?: Array<{ id: string }>; models?: Array<{ name: string }> };
  return json.data?.map((m) => m.id) ?? json.models?.map((m) => m.name.replace(/^models\//, "")) ?? [];
}

/** The lists name every model of the conformance gateway (see use-pipeline-gateway.ts). */
const EVERY_MODEL = expect.arrayContaining([
  "chat-openai",
  "chat-anthropic",
  "chat-gemini",
  "embeddings-openai",
]);

const get = (path: string, headers: Record<string, string> = {}): RawRequest => ({
  method: "GET",
  path,
  query: {},
  headers,
  body: undefined,
});

/**
 * @see https://platform.openai.com/docs/api-reference/models/list
 * @see https://docs.anthropic.com/en/api/models-list
 * @see https://ai.google.dev/api/models#method:-models.list
 */
const MODEL_LISTS: readonly PipelineDriver[] = [
  modelList("GET /v1/models (OpenAI shape)", "openai", get("/v1/models"), (a) => {
    expect(JSON.parse(a.body)).toMatchObject({
      object: "list",
      data: expect.arrayContaining([expect.objectContaining({ object: "model" })]),
    });
    expect(listedIds(a.body)).toEqual(EVERY_MODEL);
  }),
  modelList("GET /v1/models (Anthropic shape)", "anthropic", get("/v1/models", ANTHROPIC), (a) => {
    expect(JSON.parse(a.body)).toMatchObject({
      has_more: false,
      data: expect.arrayContaining([expect.objectContaining({ type: "model" })]),
    });
    expect(listedIds(a.body)).toEqual(EVERY_MODEL);
  }),
  modelList("GET /v1beta/models", "gemini", get("/v1beta/models"), (a) => {
    expect(JSON.parse(a.body)).toMatchObject({
      models: expect.arrayContaining([expect.objectContaining({ name: "models/chat-gemini" })]),
    });
    expect(listedIds(a.body)).toEqual(EVERY_MODEL);
  }),
];

export const LOCAL_DRIVERS: readonly PipelineDriver[] = [
  anthropicCountTokens,
  geminiCountTokens,
  responsesInputTokens,
  ...MODEL_LISTS,
];

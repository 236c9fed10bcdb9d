import { expect } from "vitest";
import { answerText, type ChatAnswer } from "../routing/surface-client.js";
import type { DriverSurface, PipelineDriver, UpstreamKind } from "./pipeline-driver.js";
import type { RawAnswer, RawRequest } from "./raw-call.js";
import { streamEndedWithSuccess } from "./responses-stream-outcome.js";

const TEXT = "Hello there";
const JSON_TYPE = { "content-type": "application/json" };

/** A chat request of a surface: its path, query, headers and body for a model. */
interface ChatWire {
  path(model: string, stream: boolean): string;
  query(stream: boolean): Record<string, string>;
  headers: Record<string, string>;
  body(model: string, stream: boolean): Record<string, unknown>;
  wrongTypes(model: string): Record<string, unknown>;
  /** Asserts a whole (non-streamed) answer. */
  expectJson(json: Record<string, unknown>): void;
}

/**
 * @see https://platform.openai.com/docs/api-reference/chat/create
 * @see https://docs.anthropic.com/en/api/messages
 * @see https://ai.google.dev/api/generate-content
 */
const WIRES: Record<DriverSurface, ChatWire> = {
  openai: {
    path: () => "/v1/chat/completions",
    query: () => ({}),
    headers: JSON_TYPE,
    body: (model, stream) => ({ model, stream, messages: [{ role: "user", content: TEXT }] }),
    wrongTypes: (model) => ({ model, messages: TEXT }),
    expectJson: (json) => expect(json).toMatchObject({ object: "chat.completion", choices: [{ index: 0 }] }),
  },
  anthropic: {
    path: () => "/v1/messages",
    query: () => ({}),
    headers: { ...JSON_TYPE, "anthropic-version": "2023-06-01" },
    body: (model, stream) => ({
      model,
      stream,
      max_tokens: 64,
      messages: [{ role: "user", content: TEXT }],
    }),
    wrongTypes: (model) => ({ model, max_tokens: "many", messages: [{ role: "user", content: TEXT }] }),
    expectJson: (json) => expect(json).toMatchObject({ type: "message", role: "assistant" }),
  },
  // @see https://platform.openai.com/docs/api-reference/responses/create
  responses: {
    path: () => "/v1/responses",
    query: () => ({}),
    headers: JSON_TYPE,
    body: (model, stream) => ({ model, stream, input: [{ role: "user", content: TEXT }] }),
    wrongTypes: (model) => ({ model, input: 42 }),
    expectJson: (json) => expect(json).toMatchObject({ object: "response", status: "completed" }),
  },
  gemini: {
    path: (model, stream) =>
      `/v1beta/models/${encodeURIComponent(model)}:${stream ? "streamGenerateContent" : "generateContent"}`,
    query: (stream): Record<string, string> => (stream ? { alt: "sse" } : {}),
    headers: JSON_TYPE,
    body: () => ({ contents: [{ role: "user", parts: [{ text: TEXT }] }] }),
    wrongTypes: () => ({ contents: TEXT }),
    expectJson: (json) => expect(json).toMatchObject({ candidates: [{ content: { role: "model" } }] }),
  },
};

/** Chat from each surface goes to its own protocol (passthrough) and to one other (conversion). */
const UPSTREAMS: Record<DriverSurface, readonly UpstreamKind[]> = {
  openai: ["openai", "anthropic"],
  // No upstream of the table speaks the Responses API: both rows convert.
  responses: ["openai", "anthropic"],
  anthropic: ["anthropic", "gemini"],
  gemini: ["gemini", "openai"],
};

const NAMES: Record<DriverSurface, string> = {
  openai: "openai chat",
  responses: "openai responses",
  anthropic: "anthropic messages",
  gemini: "gemini generateContent",
};

function chatDriver(surface: DriverSurface, stream: boolean): PipelineDriver {
  const wire = WIRES[surface];
  const withBody = (model: string, body: string): RawRequest => ({
    method: "POST",
    path: wire.path(model, stream),
    query: wire.query(stream),
    headers: wire.headers,
    body,
  });
  return {
    name: stream
      ? surface === "gemini"
        ? "gemini streamGenerateContent"
        : `${NAMES[surface]} (stream)`
      : NAMES[surface],
    surface,
    operation: "chat",
    stream,
    family: "chat",
    upstreams: UPSTREAMS[surface],
    readsBody: true,
    request: (model) => withBody(model, JSON.stringify(wire.body(model, stream))),
    withBody,
    wrongTypes: wire.wrongTypes,
    expectSuccess: (answer, _model) => {
      expect(textOf(surface, answer)).toMatch(/^Hello from/);
      if (!stream) return wire.expectJson(JSON.parse(answer.body) as Record<string, unknown>);
      expect(String(answer.headers["content-type"])).toMatch(/^text\/event-stream/);
      // No protocol's in-stream error event anywhere (OpenAI and Gemini: an error object as data).
      expect(answer.body).not.toMatch(/^event: error|^data: \{"(?:type":"error|error)"/m);
      expect(streamEndedWithSuccess(surface, answer.body)).toBe(true);
    },
  };
}

/** The answer's text: routing's answerText, or a Responses answer's output_text (whole or its deltas). */
function textOf(surface: DriverSurface, answer: RawAnswer): string {
  if (surface !== "responses") return answerText(surface, asChatAnswer(answer));
  if (!answer.body.includes("event: ")) {
    const json = JSON.parse(answer.body) as { output: Array<{ content?: Array<{ text?: string }> }> };
    return json.output.flatMap((o) => (o.content ?? []).map((c) => c.text ?? "")).join("");
  }
  return answer.body
    .split(/\r?\n/)
    .filter((l) => l.startsWith("data:"))
    .map((l) => JSON.parse(l.slice(5)) as { type: string; delta?: string })
    .filter((e) => e.type === "response.output_text.delta")
    .map((e) => e.delta)
    .join("");
}

/** What answerText reads of an answer. */
function asChatAnswer(a: RawAnswer): ChatAnswer {
  return { ...a, headers: new Headers(), ms: 0, provider: null, attempts: 0 };
}

/** The eight chat rows: each surface, whole and streamed. */
export const CHAT_DRIVERS: readonly PipelineDriver[] = (
  ["openai", "responses", "anthropic", "gemini"] as const
).flatMap((s) => [chatDriver(s, false), chatDriver(s, true)]);

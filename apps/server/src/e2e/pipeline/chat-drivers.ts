import { expect } from "vitest";
import {
  answerText,
  type ChatAnswer,
  endedWithSuccess,
  type SurfaceName,
} from "../routing/surface-client.js";
import type { PipelineDriver, UpstreamKind } from "./pipeline-driver.js";
import type { RawAnswer, RawRequest } from "./raw-call.js";

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
const WIRES: Record<SurfaceName, ChatWire> = {
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
const UPSTREAMS: Record<SurfaceName, readonly UpstreamKind[]> = {
  openai: ["openai", "anthropic"],
  anthropic: ["anthropic", "gemini"],
  gemini: ["gemini", "openai"],
};

const NAMES: Record<SurfaceName, string> = {
  openai: "openai chat",
  anthropic: "anthropic messages",
  gemini: "gemini generateContent",
};

function chatDriver(surface: SurfaceName, stream: boolean): PipelineDriver {
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
      expect(answerText(surface, asChatAnswer(answer))).toMatch(/^Hello from/);
      if (!stream) return wire.expectJson(JSON.parse(answer.body) as Record<string, unknown>);
      expect(String(answer.headers["content-type"])).toMatch(/^text\/event-stream/);
      // No protocol's in-stream error event anywhere (OpenAI and Gemini: an error object as data).
      expect(answer.body).not.toMatch(/^event: error|^data: \{"(?:type":"error|error)"/m);
      expect(endedWithSuccess(surface, answer.body)).toBe(true);
    },
  };
}

/** What answerText reads of an answer. */
function asChatAnswer(a: RawAnswer): ChatAnswer {
  return { ...a, headers: new Headers(), ms: 0, provider: null, attempts: 0 };
}

/** The six chat rows: each surface, whole and streamed. */
export const CHAT_DRIVERS: readonly PipelineDriver[] = (["openai", "anthropic", "gemini"] as const).flatMap(
  (s) => [chatDriver(s, false), chatDriver(s, true)],
);

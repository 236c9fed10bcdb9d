import { createSseEventParser } from "@gatehouse/sdk";
import type { PlaygroundApi, ToolCall } from "./playground-request";
import { createResponsesStreamParser } from "./responses-stream-parser";

/** Token counts from the stream's final chunk (`stream_options.include_usage`). */
export interface StreamUsage {
  promptTokens: number;
  completionTokens: number;
  totalTokens: number;
}

export interface StreamHandlers {
  onText(text: string): void;
  onToolCalls(calls: ToolCall[]): void;
  onUsage(usage: StreamUsage): void;
  /** The gateway's id of the request (header `x-gatehouse-request-id`), as soon as the answer starts. */
  onRequestId(id: string): void;
}

/** A data-plane error: the status and the message of the OpenAI-shaped error body. */
export class ChatError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly requestId: string | null,
  ) {
    super(message);
  }
}

const PATHS: Record<PlaygroundApi, string> = { chat: "/v1/chat/completions", responses: "/v1/responses" };

/**
 * Sends a streaming request to this gateway with the playground key (a chat completion, or a Responses
 * API request) and feeds the handlers as events arrive; resolves when the stream ends as it should
 * (`[DONE]`; `response.completed`). Aborting the signal stops the request (the gateway meters what was
 * generated). An HTTP error or an in-stream error throws ChatError.
 */
export async function streamChat(
  origin: string,
  key: string,
  api: PlaygroundApi,
  body: Record<string, unknown>,
  handlers: StreamHandlers,
  signal: AbortSignal,
): Promise<void> {
  const res = await fetch(`${origin}${PATHS[api]}`, {
    method: "POST",
    headers: {
      authorization: `Bearer ${key}`,
      "content-type": "application/json",
      accept: "text/event-stream",
    },
    body: JSON.stringify(body),
    signal,
  });
  const requestId = res.headers.get("x-gatehouse-request-id");
  if (requestId) handlers.onRequestId(requestId);
  if (!res.ok || res.body === null) {
    const text = await res.text().catch(() => "");
    throw new ChatError(res.status, errorMessage(text) ?? `HTTP ${res.status}`, requestId);
  }
  const fail = (message: string) => new ChatError(res.status, message, requestId);
  const events =
    api === "responses"
      ? createResponsesStreamParser(handlers, fail)
      : createChatStreamParser(handlers, fail);
  const parser = createSseEventParser();
  const reader = res.body.getReader();
  for (;;) {
    const { value, done: ended } = await reader.read();
    for (const e of ended ? parser.end() : parser.push(value)) events.push(e.data);
    if (ended) break;
  }
  if (!events.done) throw fail("The stream ended before the answer was complete.");
}

/**
 * Reads Chat Completions chunks: text and tool-call deltas, the usage of the final chunk
 * (`stream_options.include_usage`), `[DONE]` at the end; an `error` chunk throws `fail`'s error.
 * @see https://platform.openai.com/docs/api-reference/chat-streaming
 */
export function createChatStreamParser(
  handlers: StreamHandlers,
  fail: (message: string) => Error,
): { push(data: string): void; readonly done: boolean } {
  const calls = new Map<number, ToolCall>();
  let done = false;
  const push = (data: string) => {
    if (data === "[DONE]") {
      done = true;
      return;
    }
    const chunk = JSON.parse(data) as ChunkShape;
    if (chunk.error) throw fail(chunk.error.message ?? "Stream error");
    const delta = chunk.choices?.[0]?.delta;
    if (delta?.content) handlers.onText(delta.content);
    for (const tc of delta?.tool_calls ?? []) {
      const at = calls.get(tc.index) ?? { id: tc.id ?? `call_${tc.index}`, name: "", arguments: "" };
      calls.set(tc.index, {
        id: tc.id ?? at.id,
        name: at.name + (tc.function?.name ?? ""),
        arguments: at.arguments + (tc.function?.arguments ?? ""),
      });
      handlers.onToolCalls([...calls.values()]);
    }
    if (chunk.usage) {
      handlers.onUsage({
        promptTokens: chunk.usage.prompt_tokens ?? 0,
        completionTokens: chunk.usage.completion_tokens ?? 0,
        totalTokens: chunk.usage.total_tokens ?? 0,
      });
    }
  };
  return {
    push,
    get done() {
      return done;
    },
  };
}

interface ChunkShape {
  error?: { message?: string };
  choices?: {
    delta?: {
      content?: string | null;
      tool_calls?: { index: number; id?: string; function?: { name?: string; arguments?: string } }[];
    };
  }[];
  usage?: { prompt_tokens?: number; completion_tokens?: number; total_tokens?: number } | null;
}

function errorMessage(text: string): string | undefined {
  try {
    const body = JSON.parse(text) as { error?: { message?: string } };
    return body.error?.message;
  } catch {
    return text.slice(0, 300) || undefined;
  }
}

import { createSseEventParser } from "@gatehouse/sdk";
import type { ToolCall } from "./playground-request";

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

/**
 * Sends a streaming chat completion to this gateway with the playground key and feeds the handlers as
 * chunks arrive; resolves when the stream ends with `[DONE]`. Aborting the signal stops the request
 * (the gateway meters what was generated). An HTTP error or an in-stream error throws ChatError.
 */
export async function streamChat(
  origin: string,
  key: string,
  body: Record<string, unknown>,
  handlers: StreamHandlers,
  signal: AbortSignal,
): Promise<void> {
  const res = await fetch(`${origin}/v1/chat/completions`, {
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
  const parser = createSseEventParser();
  const calls = new Map<number, ToolCall>();
  const reader = res.body.getReader();
  let done = false;
  const handle = (data: string) => {
    if (data === "[DONE]") {
      done = true;
      return;
    }
    const chunk = JSON.parse(data) as ChunkShape;
    if (chunk.error) throw new ChatError(res.status, chunk.error.message ?? "Stream error", requestId);
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
  for (;;) {
    const { value, done: ended } = await reader.read();
    const events = ended ? parser.end() : parser.push(value);
    for (const e of events) handle(e.data);
    if (ended) break;
  }
  if (!done) throw new ChatError(res.status, "The stream ended before the answer was complete.", requestId);
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

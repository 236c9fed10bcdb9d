import type { ToolCall } from "./playground-request";
import type { StreamHandlers } from "./stream-chat";

/** What the playground reads of a Responses stream event (the rest is ignored). */
interface ResponsesEvent {
  type?: string;
  delta?: unknown;
  message?: string;
  output_index?: number;
  arguments?: string;
  item?: { type?: string; call_id?: string; name?: string; arguments?: string };
  response?: {
    error?: { message?: string } | null;
    usage?: { input_tokens?: number; output_tokens?: number; total_tokens?: number } | null;
  };
}

/** A Responses stream's state: the events fed so far, and whether the stream ended as it should. */
export interface ResponsesStreamParser {
  /** One event's data (JSON); throws `fail(message)` for `response.failed` and `error` events. */
  push(data: string): void;
  /** True once `response.completed` or `response.incomplete` came. */
  readonly done: boolean;
}

/**
 * Reads the OpenAI Responses API's stream events into the playground's handlers: text from
 * `response.output_text.delta`, tool calls from `function_call` output items and their argument deltas,
 * usage from the final `response.completed` (or `response.incomplete`, a capped answer, which still ends
 * normally). `response.failed` and `error` end it with `fail`'s error.
 * @see https://platform.openai.com/docs/api-reference/responses-streaming
 *
 * @example
 * const p = createResponsesStreamParser(handlers, (m) => new Error(m));
 * p.push('{"type":"response.output_text.delta","delta":"Hi"}'); // handlers.onText("Hi")
 */
export function createResponsesStreamParser(
  handlers: StreamHandlers,
  fail: (message: string) => Error,
): ResponsesStreamParser {
  const calls = new Map<number, ToolCall>();
  let done = false;
  const setCall = (index: number, patch: (c: ToolCall) => ToolCall) => {
    calls.set(index, patch(calls.get(index) ?? { id: `call_${index}`, name: "", arguments: "" }));
    handlers.onToolCalls([...calls.values()]);
  };
  const push = (data: string) => {
    const e = JSON.parse(data) as ResponsesEvent;
    const index = e.output_index ?? 0;
    switch (e.type) {
      case "response.output_text.delta":
        if (typeof e.delta === "string") handlers.onText(e.delta);
        return;
      case "response.output_item.added":
      case "response.output_item.done":
        if (e.item?.type === "function_call") {
          const item = e.item;
          setCall(index, (c) => ({
            id: item.call_id ?? c.id,
            name: item.name ?? c.name,
            arguments: item.arguments || c.arguments,
          }));
        }
        return;
      case "response.function_call_arguments.delta":
        if (typeof e.delta === "string") setCall(index, (c) => ({ ...c, arguments: c.arguments + e.delta }));
        return;
      case "response.function_call_arguments.done":
        if (typeof e.arguments === "string") setCall(index, (c) => ({ ...c, arguments: e.arguments! }));
        return;
      case "response.completed":
      case "response.incomplete": {
        const usage = e.response?.usage;
        if (usage) {
          handlers.onUsage({
            promptTokens: usage.input_tokens ?? 0,
            completionTokens: usage.output_tokens ?? 0,
            totalTokens: usage.total_tokens ?? 0,
          });
        }
        done = true;
        return;
      }
      case "response.failed":
        throw fail(e.response?.error?.message ?? "The response failed.");
      case "error":
        throw fail(e.message ?? "Stream error");
    }
  };
  return {
    push,
    get done() {
      return done;
    },
  };
}

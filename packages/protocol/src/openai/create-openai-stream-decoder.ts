import type { StreamDecoder } from "../codec.js";
import type { ErrorCode } from "../errors/error-codes.js";
import { GatewayError } from "../errors/gateway-error.js";
import type { IrFinishReason } from "../ir/finish-reason.js";
import type { IrStreamEvent } from "../ir/stream-event.js";
import type { SseEvent } from "../sse/sse-parser.js";
import { streamErrorEvent, streamInterruptedEvent } from "../stream-error-events.js";
import { createFieldReader, type JsonObject } from "./create-field-reader.js";
import {
  isContextLengthError,
  type OpenAIErrorPayload,
  readOpenAIErrorPayload,
} from "./decode-openai-error.js";
import { decodeOpenAIFinishReason } from "./map-openai-finish-reason.js";
import { decodeOpenAIUsage } from "./map-openai-usage.js";

type Open =
  | { index: number; kind: "text" | "reasoning" }
  | { index: number; kind: "tool"; id: string; at?: number };

/** An in-stream `{"error":{...}}` → a catalogue code, by the error's type or code (there is no status). */
function streamErrorCode(e: OpenAIErrorPayload): ErrorCode {
  const kind = `${e.type ?? ""} ${e.code ?? ""}`;
  if (isContextLengthError(e)) return "context_length_exceeded";
  if (/rate_limit/.test(kind)) return "upstream_rate_limited";
  if (/overloaded/.test(kind)) return "upstream_overloaded";
  if (/timeout/.test(kind)) return "upstream_timeout";
  return "upstream_error";
}

const r = createFieldReader("upstream_error");
const optString = (v: unknown, param: string) => r.optional(v, (x) => r.string(x, param));

/**
 * A typed state machine over an upstream's Chat Completions SSE stream.
 * @see https://platform.openai.com/docs/api-reference/chat-streaming/streaming
 */
class OpenAIStreamDecoder implements StreamDecoder<SseEvent> {
  private started = false;
  private done = false;
  private open: Open | undefined;
  private nextIndex = 0;
  /** Tool calls already closed, by id and by OpenAI index: a late fragment for one is a protocol error. */
  private readonly closedTools = new Set<string>();
  private finish: IrFinishReason | undefined;

  push(frame: SseEvent): IrStreamEvent[] {
    if (this.done) return [];
    const out: IrStreamEvent[] = [];
    try {
      if (frame.data.trim() === "[DONE]") this.complete(out);
      else this.chunk(frame, out);
    } catch (err) {
      out.push(streamErrorEvent(err));
      this.done = true;
    }
    return out;
  }

  end(): IrStreamEvent[] {
    if (this.done) return [];
    this.done = true;
    return [streamInterruptedEvent("The upstream stream ended before its [DONE] marker")];
  }

  private chunk(frame: SseEvent, out: IrStreamEvent[]): void {
    let data: unknown;
    try {
      data = JSON.parse(frame.data);
    } catch {
      throw new GatewayError("upstream_error", "Unexpected upstream stream data: an event is not JSON");
    }
    const c = r.object(data, "chunk");
    if (c.error != null || frame.event === "error") {
      const e = readOpenAIErrorPayload(c);
      out.push({
        type: "error",
        code: streamErrorCode(e),
        message: e.message ?? "The upstream stream failed",
      });
      this.done = true;
      return;
    }
    const choices = c.choices == null ? [] : r.array(c.choices, "choices");
    this.start(c, choices.length > 0, out);
    const choice = choices.map((x, i) => r.object(x, `choices[${i}]`)).find((x) => (x.index ?? 0) === 0);
    if (choice !== undefined) this.choice(choice, out);
    if (c.usage != null) out.push({ type: "usage", usage: decodeOpenAIUsage(c.usage, r) });
  }

  /** `start` on the first chunk that carries an id or choices (Azure opens with an empty filter-results chunk). */
  private start(c: JsonObject, hasChoices: boolean, out: IrStreamEvent[]): void {
    if (this.started) return;
    const id = optString(c.id, "id") ?? "";
    if (id === "" && !hasChoices) return;
    const created = r.optional(c.created, (v) => r.number(v, "created", { integer: true, min: 0 })) ?? 0;
    out.push({ type: "start", id, model: optString(c.model, "model") ?? "", created });
    this.started = true;
  }

  private choice(choice: JsonObject, out: IrStreamEvent[]): void {
    const delta = r.optional(choice.delta, (v) => r.object(v, "choices[0].delta")) ?? {};
    // reasoning_content: the DeepSeek extension most vendors follow; vLLM and others say `reasoning`.
    const reasoning =
      optString(delta.reasoning_content, "delta.reasoning_content") ??
      optString(delta.reasoning, "delta.reasoning");
    if (reasoning) this.text("reasoning", reasoning, out);
    const content = optString(delta.content, "delta.content");
    if (content) this.text("text", content, out);
    const refusal = optString(delta.refusal, "delta.refusal");
    if (refusal) this.text("text", refusal, out);
    const calls = delta.tool_calls == null ? [] : r.array(delta.tool_calls, "delta.tool_calls");
    calls.forEach((call, i) => {
      this.toolCall(r.object(call, `delta.tool_calls[${i}]`), out);
    });
    const finish = optString(choice.finish_reason, "choices[0].finish_reason");
    if (finish !== undefined) {
      this.close(out);
      this.finish = decodeOpenAIFinishReason(finish);
    }
  }

  private text(kind: "text" | "reasoning", text: string, out: IrStreamEvent[]): void {
    if (this.open?.kind !== kind) {
      this.close(out);
      this.open = { index: this.nextIndex++, kind };
      out.push({ type: "block_start", index: this.open.index, block: { type: kind } });
    }
    out.push({ type: "block_delta", index: this.open.index, delta: { type: kind, text } });
  }

  /**
   * A tool_calls delta: a new call opens a block (id and name come on its first fragment), later fragments
   * add argument text. A call is new when its id differs from the open call's (some servers reuse index 0
   * for every call) or, without an id, when its index differs.
   */
  private toolCall(call: JsonObject, out: IrStreamEvent[]): void {
    const id = optString(call.id, "tool_calls.id") || undefined;
    const at = r.optional(call.index, (v) => r.number(v, "tool_calls.index", { integer: true, min: 0 }));
    const fn = r.optional(call.function, (v) => r.object(v, "tool_calls.function")) ?? {};
    const open = this.open?.kind === "tool" ? this.open : undefined;
    const same =
      open !== undefined && (id !== undefined ? id === open.id : at === undefined || at === open.at);
    if (!same) {
      if (id !== undefined ? this.closedTools.has(id) : at !== undefined && this.closedTools.has(`#${at}`)) {
        throw new GatewayError(
          "upstream_error",
          "The upstream interleaved the fragments of several tool calls",
        );
      }
      this.close(out);
      const index = this.nextIndex++;
      const block = { index, kind: "tool" as const, id: id ?? `call_${at ?? index}`, at };
      this.open = block;
      const name = optString(fn.name, "tool_calls.function.name") ?? "";
      out.push({ type: "block_start", index: block.index, block: { type: "tool_call", id: block.id, name } });
    }
    const json = optString(fn.arguments, "tool_calls.function.arguments");
    if (json)
      out.push({ type: "block_delta", index: this.open!.index, delta: { type: "tool_arguments", json } });
  }

  private close(out: IrStreamEvent[]): void {
    if (this.open === undefined) return;
    if (this.open.kind === "tool") {
      this.closedTools.add(this.open.id);
      if (this.open.at !== undefined) this.closedTools.add(`#${this.open.at}`);
    }
    out.push({ type: "block_end", index: this.open.index });
    this.open = undefined;
  }

  private complete(out: IrStreamEvent[]): void {
    if (!this.started) out.push({ type: "start", id: "", model: "", created: 0 });
    this.started = true;
    this.close(out);
    out.push({ type: "finish", reason: this.finish ?? "stop" }, { type: "end" });
    this.done = true;
  }
}

/**
 * Upstream Chat Completions SSE events → IR events: start, one block per run of reasoning, text or one
 * tool call (indices from 0), usage from the usage chunk, then finish and end at `data: [DONE]`. An
 * in-stream `{"error":{...}}` becomes an IR error; a body that ends before [DONE] gives stream_interrupted.
 * @see https://platform.openai.com/docs/api-reference/chat-streaming/streaming
 *
 * @example
 * const decoder = createOpenAIStreamDecoder();
 * for (const sse of parser.push(chunk)) emit(decoder.push(sse));
 * emit(decoder.end());
 */
export function createOpenAIStreamDecoder(): StreamDecoder<SseEvent> {
  return new OpenAIStreamDecoder();
}

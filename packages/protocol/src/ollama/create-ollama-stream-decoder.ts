import type { StreamDecoder } from "../codec.js";
import type { IrStreamEvent } from "../ir/stream-event.js";
import { createFieldReader, isJsonObject } from "../openai/create-field-reader.js";
import { streamErrorEvent, streamInterruptedEvent } from "../stream-error-events.js";
import { ollamaErrorCode } from "./decode-ollama-error.js";
import { decodeOllamaDoneReason } from "./map-ollama-done-reason.js";
import { type OllamaChunk, readOllamaChunk } from "./read-ollama-chunk.js";

const r = createFieldReader("upstream_error");

/**
 * A typed state machine over Ollama's NDJSON chat stream (frames already parsed, e.g. by NdjsonParser).
 * @see https://github.com/ollama/ollama/blob/main/docs/api.md#chat-request-streaming
 */
class OllamaStreamDecoder implements StreamDecoder<unknown> {
  private started = false;
  private done = false;
  private open: { index: number; kind: "text" | "reasoning" } | undefined;
  private nextIndex = 0;
  private calls = 0;

  push(frame: unknown): IrStreamEvent[] {
    if (this.done) return [];
    const out: IrStreamEvent[] = [];
    try {
      if (isJsonObject(frame) && typeof frame.error === "string") {
        // Ollama reports a failure mid-stream as a frame {"error": "..."}.
        out.push({ type: "error", code: ollamaErrorCode(undefined, frame.error), message: frame.error });
        this.done = true;
      } else {
        this.chunk(readOllamaChunk(frame, r, this.calls), out);
      }
    } catch (err) {
      out.push(streamErrorEvent(err));
      this.done = true;
    }
    return out;
  }

  end(): IrStreamEvent[] {
    if (this.done) return [];
    this.done = true;
    return [streamInterruptedEvent("The upstream stream ended before its final (done: true) frame")];
  }

  private chunk(c: OllamaChunk, out: IrStreamEvent[]): void {
    if (!this.started) {
      out.push({ type: "start", id: c.id, model: c.model, created: c.created });
      this.started = true;
    }
    if (c.thinking !== "") this.text("reasoning", c.thinking, out);
    if (c.content !== "") this.text("text", c.content, out);
    // Ollama streams each tool call whole, in one frame: one block with its full arguments.
    for (const call of c.toolCalls) {
      this.close(out);
      const index = this.nextIndex++;
      out.push({ type: "block_start", index, block: { type: "tool_call", id: call.id, name: call.name } });
      out.push({ type: "block_delta", index, delta: { type: "tool_arguments", json: call.arguments } });
      out.push({ type: "block_end", index });
      this.calls++;
    }
    if (!c.done) return;
    this.close(out);
    if (c.usage !== undefined) out.push({ type: "usage", usage: c.usage });
    out.push(
      { type: "finish", reason: decodeOllamaDoneReason(c.doneReason, this.calls > 0) },
      { type: "end" },
    );
    this.done = true;
  }

  private text(kind: "text" | "reasoning", text: string, out: IrStreamEvent[]): void {
    if (this.open?.kind !== kind) {
      this.close(out);
      this.open = { index: this.nextIndex++, kind };
      out.push({ type: "block_start", index: this.open.index, block: { type: kind } });
    }
    out.push({ type: "block_delta", index: this.open.index, delta: { type: kind, text } });
  }

  private close(out: IrStreamEvent[]): void {
    if (this.open === undefined) return;
    out.push({ type: "block_end", index: this.open.index });
    this.open = undefined;
  }
}

/**
 * Ollama NDJSON frames → IR events: start, a block per run of thinking or content and one per tool call,
 * then usage, finish and end at the frame with `done: true`. A `{"error": "..."}` frame becomes an IR
 * error; a stream that ends without `done: true` gives stream_interrupted.
 * @see https://github.com/ollama/ollama/blob/main/docs/api.md#chat-request-streaming
 *
 * @example
 * const decoder = createOllamaStreamDecoder();
 * for (const frame of ndjson.push(chunk)) emit(decoder.push(frame));
 */
export function createOllamaStreamDecoder(): StreamDecoder<unknown> {
  return new OllamaStreamDecoder();
}

import type { StreamEncoder } from "../codec.js";
import type { IrStreamEvent } from "../ir/stream-event.js";
import { emptyUsage, type IrUsage } from "../ir/usage.js";
import { writeSse } from "../sse/write-sse.js";
import { openAIErrorType } from "./encode-openai-error.js";
import { encodeOpenAIFinishReason } from "./map-openai-finish-reason.js";
import { encodeOpenAIUsage } from "./map-openai-usage.js";
import type { OpenAIChatChunk, OpenAIChunkDelta, OpenAIFinishReason } from "./openai-chat-types.js";

/** Options of {@link createOpenAIStreamEncoder}. */
export interface OpenAIStreamEncoderOptions {
  /** The public model name the client asked for. */
  model: string;
  /** The client set stream_options.include_usage: send the usage chunk (and `"usage": null` on the others). */
  includeUsage?: boolean;
}

/**
 * Writes IR events as the Chat Completions stream an OpenAI client expects.
 * @see https://platform.openai.com/docs/api-reference/chat-streaming/streaming
 */
class OpenAIStreamEncoder implements StreamEncoder {
  private id = "";
  private created = 0;
  private started = false;
  private closed = false;
  private usage: IrUsage = emptyUsage();
  /** IR block index → the ordinal of its tool call (OpenAI's tool_calls[].index). */
  private readonly toolOrdinal = new Map<number, number>();

  constructor(private readonly options: OpenAIStreamEncoderOptions) {}

  push(event: IrStreamEvent): string {
    if (this.closed) return "";
    switch (event.type) {
      case "start":
        this.id = event.id;
        this.created = event.created;
        return this.begin();
      case "block_start":
        if (event.block.type !== "tool_call") return this.begin();
        this.toolOrdinal.set(event.index, this.toolOrdinal.size);
        return (
          this.begin() +
          this.delta({
            tool_calls: [
              {
                index: this.toolOrdinal.get(event.index)!,
                id: event.block.id,
                type: "function",
                function: { name: event.block.name, arguments: "" },
              },
            ],
          })
        );
      case "block_delta":
        return this.begin() + this.blockDelta(event.index, event.delta);
      case "block_end":
        return "";
      case "usage":
        this.usage = event.usage;
        return "";
      case "finish":
        return this.begin() + this.chunk({}, encodeOpenAIFinishReason(event.reason));
      case "end":
        this.closed = true;
        return this.begin() + this.usageChunk() + writeSse({ data: "[DONE]" });
      case "error": {
        // OpenAI's own in-stream error shape; no [DONE] follows, so no client mistakes it for success.
        this.closed = true;
        const error = {
          message: event.message,
          type: openAIErrorType(event.code),
          param: null,
          code: event.code,
        };
        return writeSse({ data: JSON.stringify({ error }) });
      }
    }
  }

  private blockDelta(index: number, delta: Extract<IrStreamEvent, { type: "block_delta" }>["delta"]): string {
    switch (delta.type) {
      case "text":
        return this.delta({ content: delta.text });
      case "reasoning":
        // The DeepSeek-style vendor extension; signatures have no place in this format and are dropped.
        return this.delta({ reasoning_content: delta.text });
      case "tool_arguments": {
        const ordinal = this.toolOrdinal.get(index);
        if (ordinal === undefined) return "";
        return this.delta({ tool_calls: [{ index: ordinal, function: { arguments: delta.json } }] });
      }
      case "signature":
        return "";
    }
  }

  /** The first chunk, with the assistant role, written once whatever event comes first. */
  private begin(): string {
    if (this.started) return "";
    this.started = true;
    return this.delta({ role: "assistant", content: "" });
  }

  private delta(delta: OpenAIChunkDelta): string {
    return this.chunk(delta, null);
  }

  private chunk(delta: OpenAIChunkDelta, finish: OpenAIFinishReason | null): string {
    const chunk: OpenAIChatChunk = {
      id: this.id,
      object: "chat.completion.chunk",
      created: this.created,
      model: this.options.model,
      choices: [{ index: 0, delta, logprobs: null, finish_reason: finish }],
    };
    if (this.options.includeUsage) chunk.usage = null;
    return writeSse({ data: JSON.stringify(chunk) });
  }

  private usageChunk(): string {
    if (!this.options.includeUsage) return "";
    const chunk: OpenAIChatChunk = {
      id: this.id,
      object: "chat.completion.chunk",
      created: this.created,
      model: this.options.model,
      choices: [],
      usage: encodeOpenAIUsage(this.usage),
    };
    return writeSse({ data: JSON.stringify(chunk) });
  }
}

/**
 * IR events → the client's Chat Completions SSE text: a first chunk with the assistant role, content,
 * `reasoning_content` and tool_calls deltas (index = ordinal of the tool call; id, type and name on its
 * first fragment), a finish chunk, the usage chunk when asked, then `data: [DONE]`. After an IR error:
 * `data: {"error":{...}}` and nothing more.
 * @see https://platform.openai.com/docs/api-reference/chat-streaming/streaming
 *
 * @example
 * const encoder = createOpenAIStreamEncoder({ model: "my-model", includeUsage: ir.streamUsage });
 * for (const ev of events) reply.raw.write(encoder.push(ev));
 */
export function createOpenAIStreamEncoder(options: OpenAIStreamEncoderOptions): StreamEncoder {
  return new OpenAIStreamEncoder(options);
}

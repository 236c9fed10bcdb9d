import type { StreamEncoder } from "../codec.js";
import type { IrBlockDelta, IrBlockStart, IrStreamEvent } from "../ir/stream-event.js";
import { emptyUsage, type IrUsage } from "../ir/usage.js";
import { writeSse } from "../sse/write-sse.js";
import { encodeAnthropicErrorType } from "./encode-anthropic-error-type.js";
import { encodeAnthropicStopReason } from "./encode-anthropic-stop-reason.js";
import { encodeAnthropicUsage } from "./encode-anthropic-usage.js";

export interface AnthropicStreamEncodeOptions {
  /** The public model name the client asked for. */
  model: string;
}

type WireKind = "text" | "thinking" | "redacted_thinking" | "tool_use";

interface OpenBlock {
  irIndex: number;
  wireIndex: number;
  kind: WireKind;
  signatureSent: boolean;
}

/**
 * An encoder of IR events into Anthropic's Messages SSE stream, event for event as Anthropic sends it:
 * message_start (with a usage object) then one ping; content_block_start / content_block_delta /
 * content_block_stop per block; at `end`, message_delta (stop_reason, stop_sequence, cumulative usage)
 * then message_stop. After an IR `error` it writes `event: error` and nothing more (no message_stop).
 * Anthropic blocks never interleave: a block_start closes a block still open, and deltas for a block
 * that is no longer open are dropped.
 * @see https://docs.anthropic.com/en/docs/build-with-claude/streaming
 *
 * @example
 * const encoder = createAnthropicStreamEncoder({ model: "claude-sonnet-4-5" });
 * socket.write(encoder.push({ type: "start", id: "msg_1", model: "x", created: 0 }));
 */
export function createAnthropicStreamEncoder(options: AnthropicStreamEncodeOptions): StreamEncoder {
  return new AnthropicStreamEncoder(options);
}

class AnthropicStreamEncoder implements StreamEncoder {
  private phase: "before_start" | "streaming" | "done" = "before_start";
  private open: OpenBlock | undefined;
  private nextWireIndex = 0;
  private usage: IrUsage = emptyUsage();
  private finish: Extract<IrStreamEvent, { type: "finish" }> | undefined;

  constructor(private readonly options: AnthropicStreamEncodeOptions) {}

  push(event: IrStreamEvent): string {
    if (this.phase === "done") return "";
    switch (event.type) {
      case "start":
        return this.messageStart(event.id);
      case "block_start":
        return this.messageStart("") + this.closeOpen() + this.blockStart(event.index, event.block);
      case "block_delta":
        return this.open?.irIndex === event.index ? this.blockDelta(this.open, event.delta) : "";
      case "block_end":
        return this.open?.irIndex === event.index ? this.closeOpen(event.signature) : "";
      case "usage":
        this.usage = event.usage;
        return "";
      case "finish":
        this.finish = event;
        return "";
      case "end":
        return this.messageStart("") + this.closeOpen() + this.messageEnd();
      case "error":
        this.phase = "done";
        return sse("error", {
          type: "error",
          error: { type: encodeAnthropicErrorType(event.code).type, message: event.message },
        });
    }
  }

  /** message_start then ping, once; later calls write nothing. */
  private messageStart(id: string): string {
    if (this.phase !== "before_start") return "";
    this.phase = "streaming";
    const message = {
      id: id === "" ? "msg_gatehouse" : id,
      type: "message",
      role: "assistant",
      model: this.options.model,
      content: [],
      stop_reason: null,
      stop_sequence: null,
      usage: encodeAnthropicUsage(this.usage),
    };
    return sse("message_start", { type: "message_start", message }) + sse("ping", { type: "ping" });
  }

  private blockStart(irIndex: number, block: IrBlockStart): string {
    const index = this.nextWireIndex++;
    const [kind, contentBlock] = wireBlock(block);
    this.open = { irIndex, wireIndex: index, kind, signatureSent: false };
    return sse("content_block_start", { type: "content_block_start", index, content_block: contentBlock });
  }

  private blockDelta(open: OpenBlock, delta: IrBlockDelta): string {
    const wire = wireDelta(open.kind, delta);
    if (wire === undefined) return "";
    if (delta.type === "signature") open.signatureSent = true;
    return sse("content_block_delta", { type: "content_block_delta", index: open.wireIndex, delta: wire });
  }

  /** content_block_stop for the open block; a signature given only at block end goes out first. */
  private closeOpen(signature?: string): string {
    const open = this.open;
    if (open === undefined) return "";
    this.open = undefined;
    let out = "";
    if (signature !== undefined && open.kind === "thinking" && !open.signatureSent) {
      out += sse("content_block_delta", {
        type: "content_block_delta",
        index: open.wireIndex,
        delta: { type: "signature_delta", signature },
      });
    }
    return out + sse("content_block_stop", { type: "content_block_stop", index: open.wireIndex });
  }

  private messageEnd(): string {
    this.phase = "done";
    const delta = {
      stop_reason: encodeAnthropicStopReason(this.finish?.reason ?? "stop"),
      stop_sequence: this.finish?.stopSequence ?? null,
    };
    return (
      sse("message_delta", { type: "message_delta", delta, usage: encodeAnthropicUsage(this.usage) }) +
      sse("message_stop", { type: "message_stop" })
    );
  }
}

function sse(event: string, data: unknown): string {
  return writeSse({ event, data: JSON.stringify(data) });
}

function wireBlock(block: IrBlockStart): [WireKind, Record<string, unknown>] {
  switch (block.type) {
    case "text":
      return ["text", { type: "text", text: "" }];
    case "reasoning":
      return ["thinking", { type: "thinking", thinking: "", signature: "" }];
    case "redacted_reasoning":
      return ["redacted_thinking", { type: "redacted_thinking", data: block.data }];
    case "tool_call":
      return ["tool_use", { type: "tool_use", id: block.id, name: block.name, input: {} }];
  }
}

/** An IR delta in the wire shape its block accepts, or undefined when the block cannot take it. */
function wireDelta(kind: WireKind, delta: IrBlockDelta): Record<string, unknown> | undefined {
  if (delta.type === "text" && kind === "text") return { type: "text_delta", text: delta.text };
  if (delta.type === "reasoning" && kind === "thinking")
    return { type: "thinking_delta", thinking: delta.text };
  if (delta.type === "signature" && kind === "thinking")
    return { type: "signature_delta", signature: delta.signature };
  if (delta.type === "tool_arguments" && kind === "tool_use")
    return { type: "input_json_delta", partial_json: delta.json };
  return undefined;
}

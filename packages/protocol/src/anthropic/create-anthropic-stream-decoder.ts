import type { StreamDecoder } from "../codec.js";
import type { ErrorCode } from "../errors/error-codes.js";
import type { IrStreamEvent } from "../ir/stream-event.js";
import type { IrUsage } from "../ir/usage.js";
import { MAX_JSON_DEPTH } from "../json/max-json-depth.js";
import { stringifyJsonWithinDepth } from "../json/stringify-json-within-depth.js";
import type { SseEvent } from "../sse/sse-parser.js";
import { decodeAnthropicErrorType } from "./decode-anthropic-error-type.js";
import { decodeAnthropicStopReason } from "./decode-anthropic-stop-reason.js";
import { decodeAnthropicUsage } from "./decode-anthropic-usage.js";
import { isRecord, type JsonObject } from "./wire-validation.js";

export interface AnthropicStreamDecodeOptions {
  /** The forced tool that emulated JSON output: its streamed input becomes a text block. */
  jsonToolName?: string;
  /** Clock for the start event's `created` (unix milliseconds). */
  now?: () => number;
}

type BlockKind = "text" | "reasoning" | "redacted" | "tool" | "json";

interface OpenBlock {
  index: number;
  kind: BlockKind;
  hasInput: boolean;
}

/**
 * A decoder of Anthropic's Messages SSE stream into IR events.
 * message_start → start + usage; content_block_start/delta/stop → block events re-indexed from 0
 * (server-tool blocks, which have no IR form, are skipped); message_delta → usage (counts are
 * cumulative); message_stop → finish + end (finish is held until then, so a stream cut after
 * message_delta still ends in error); ping → nothing; error → IR error. A stream that ends before
 * message_stop yields `stream_interrupted`.
 * @see https://docs.anthropic.com/en/docs/build-with-claude/streaming
 *
 * @example
 * const decoder = createAnthropicStreamDecoder();
 * for (const frame of sseFrames) emit(decoder.push(frame));
 * emit(decoder.end());
 */
export function createAnthropicStreamDecoder(
  options: AnthropicStreamDecodeOptions = {},
): StreamDecoder<SseEvent> {
  return new AnthropicStreamDecoder(options);
}

class AnthropicStreamDecoder implements StreamDecoder<SseEvent> {
  private phase: "before_start" | "streaming" | "done" = "before_start";
  private readonly blocks = new Map<number, OpenBlock>();
  private nextIndex = 0;
  private usage: IrUsage | undefined;
  private stopReason: unknown;
  private stopSequence: string | undefined;
  private jsonAnswered = false;
  private otherTools = false;

  constructor(private readonly options: AnthropicStreamDecodeOptions) {}

  push(frame: SseEvent): IrStreamEvent[] {
    if (this.phase === "done") return [];
    let data: unknown;
    try {
      data = JSON.parse(frame.data);
    } catch {
      return this.fail("upstream_error", "Anthropic sent a stream event that is not JSON");
    }
    if (!isRecord(data))
      return this.fail("upstream_error", "Anthropic sent a stream event that is not an object");
    const type = typeof data["type"] === "string" ? data["type"] : frame.event;
    if (type === "error") return this.upstreamError(data);
    if (type === "ping") return [];
    if (this.phase === "before_start") {
      return type === "message_start"
        ? this.start(data)
        : this.fail("upstream_error", `"${type}" before message_start`);
    }
    switch (type) {
      case "content_block_start":
        return this.blockStart(data);
      case "content_block_delta":
        return this.blockDelta(data);
      case "content_block_stop":
        return this.blockStop(data["index"]);
      case "message_delta":
        return this.messageDelta(data);
      case "message_stop":
        return this.messageStop();
      default:
        return []; // Anthropic may add event types; unknown ones are ignored, as its docs ask.
    }
  }

  end(): IrStreamEvent[] {
    if (this.phase === "done") return [];
    return this.fail("stream_interrupted", "The Anthropic stream ended before message_stop");
  }

  private start(data: JsonObject): IrStreamEvent[] {
    this.phase = "streaming";
    const message = isRecord(data["message"]) ? data["message"] : {};
    this.usage = decodeAnthropicUsage(message["usage"]);
    const created = Math.floor((this.options.now ?? Date.now)() / 1000);
    const id = typeof message["id"] === "string" ? message["id"] : "";
    const model = typeof message["model"] === "string" ? message["model"] : "";
    return [
      { type: "start", id, model, created },
      { type: "usage", usage: this.usage },
    ];
  }

  private blockStart(data: JsonObject): IrStreamEvent[] {
    const block = data["content_block"];
    const wireIndex = data["index"];
    if (typeof wireIndex !== "number") return this.malformed("content_block_start.index", "must be a number");
    if (!isRecord(block)) return this.malformed("content_block_start.content_block", "must be an object");
    const kind = this.kindOf(block);
    if (kind === undefined) return [];
    const open: OpenBlock = { index: this.nextIndex++, kind, hasInput: false };
    this.blocks.set(wireIndex, open);
    const index = open.index;
    const text = (v: unknown): string => (typeof v === "string" ? v : "");
    switch (kind) {
      case "text":
        return withDelta(
          { type: "block_start", index, block: { type: "text" } },
          index,
          "text",
          text(block["text"]),
        );
      case "reasoning": {
        const out = withDelta(
          { type: "block_start", index, block: { type: "reasoning" } },
          index,
          "reasoning",
          text(block["thinking"]),
        );
        const signature = text(block["signature"]);
        if (signature !== "")
          out.push({ type: "block_delta", index, delta: { type: "signature", signature } });
        return out;
      }
      case "redacted":
        return [
          { type: "block_start", index, block: { type: "redacted_reasoning", data: text(block["data"]) } },
        ];
      case "json":
      case "tool": {
        const raw = block["input"];
        const input = isRecord(raw) && Object.keys(raw).length > 0 ? stringifyJsonWithinDepth(raw) : "";
        if (input === undefined) {
          const at = "content_block_start.content_block.input";
          return this.malformed(at, `nests deeper than ${MAX_JSON_DEPTH} levels`);
        }
        open.hasInput = input !== "";
        const start: IrStreamEvent =
          kind === "json"
            ? { type: "block_start", index, block: { type: "text" } }
            : {
                type: "block_start",
                index,
                block: { type: "tool_call", id: text(block["id"]), name: text(block["name"]) },
              };
        return kind === "json"
          ? withDelta(start, index, "text", input)
          : withDelta(start, index, "tool_arguments", input);
      }
    }
  }

  private kindOf(block: JsonObject): BlockKind | undefined {
    switch (block["type"]) {
      case "text":
        return "text";
      case "thinking":
        return "reasoning";
      case "redacted_thinking":
        return "redacted";
      case "tool_use":
        if (this.options.jsonToolName !== undefined && block["name"] === this.options.jsonToolName) {
          this.jsonAnswered = true;
          return "json";
        }
        this.otherTools = true;
        return "tool";
      default:
        return undefined;
    }
  }

  private blockDelta(data: JsonObject): IrStreamEvent[] {
    const open = typeof data["index"] === "number" ? this.blocks.get(data["index"]) : undefined;
    const delta = data["delta"];
    if (open === undefined || !isRecord(delta)) return [];
    const { index, kind } = open;
    const value = (key: string): string => (typeof delta[key] === "string" ? (delta[key] as string) : "");
    switch (delta["type"]) {
      case "text_delta":
        return kind === "text" ? deltaOf(index, "text", value("text")) : [];
      case "thinking_delta":
        return kind === "reasoning" ? deltaOf(index, "reasoning", value("thinking")) : [];
      case "signature_delta": {
        const signature = value("signature");
        return kind === "reasoning" && signature !== ""
          ? [{ type: "block_delta", index, delta: { type: "signature", signature } }]
          : [];
      }
      case "input_json_delta": {
        const json = value("partial_json");
        if (json !== "") open.hasInput = true;
        if (kind === "tool") return deltaOf(index, "tool_arguments", json);
        return kind === "json" ? deltaOf(index, "text", json) : [];
      }
      default:
        return []; // citations_delta and future delta types have no IR form.
    }
  }

  private blockStop(wireIndex: unknown): IrStreamEvent[] {
    const open = typeof wireIndex === "number" ? this.blocks.get(wireIndex) : undefined;
    if (open === undefined) return [];
    this.blocks.delete(wireIndex as number);
    return closeBlock(open);
  }

  private messageDelta(data: JsonObject): IrStreamEvent[] {
    const delta = isRecord(data["delta"]) ? data["delta"] : {};
    if (delta["stop_reason"] != null) this.stopReason = delta["stop_reason"];
    if (typeof delta["stop_sequence"] === "string") this.stopSequence = delta["stop_sequence"];
    if (!isRecord(data["usage"])) return [];
    this.usage = decodeAnthropicUsage(data["usage"], this.usage);
    return [{ type: "usage", usage: this.usage }];
  }

  private messageStop(): IrStreamEvent[] {
    const out = [...this.blocks.values()].sort((a, b) => a.index - b.index).flatMap(closeBlock);
    this.blocks.clear();
    this.phase = "done";
    let reason = decodeAnthropicStopReason(this.stopReason);
    if (reason === "tool_calls" && this.jsonAnswered && !this.otherTools) reason = "stop";
    const finish: IrStreamEvent =
      this.stopSequence === undefined
        ? { type: "finish", reason }
        : { type: "finish", reason, stopSequence: this.stopSequence };
    out.push(finish, { type: "end" });
    return out;
  }

  private upstreamError(data: JsonObject): IrStreamEvent[] {
    const error = isRecord(data["error"]) ? data["error"] : {};
    const message = typeof error["message"] === "string" ? error["message"] : "Anthropic reported an error";
    return this.fail(decodeAnthropicErrorType(error["type"]), message);
  }

  private malformed(param: string, problem: string): IrStreamEvent[] {
    return this.fail("upstream_error", `Unexpected Anthropic stream event: ${param} ${problem}`);
  }

  private fail(code: ErrorCode, message: string): IrStreamEvent[] {
    this.phase = "done";
    return [{ type: "error", code, message }];
  }
}

type TextualDelta = "text" | "reasoning" | "tool_arguments";

function deltaOf(index: number, type: TextualDelta, value: string): IrStreamEvent[] {
  if (value === "") return [];
  const delta = type === "tool_arguments" ? { type, json: value } : { type, text: value };
  return [{ type: "block_delta", index, delta }];
}

function withDelta(start: IrStreamEvent, index: number, type: TextualDelta, value: string): IrStreamEvent[] {
  return [start, ...deltaOf(index, type, value)];
}

/** A tool call that streamed no input gets "{}", so its arguments are always JSON text. */
function closeBlock(open: OpenBlock): IrStreamEvent[] {
  const out: IrStreamEvent[] = [];
  if ((open.kind === "tool" || open.kind === "json") && !open.hasInput) {
    out.push(...deltaOf(open.index, open.kind === "tool" ? "tool_arguments" : "text", "{}"));
  }
  out.push({ type: "block_end", index: open.index });
  return out;
}

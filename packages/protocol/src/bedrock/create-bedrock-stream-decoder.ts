import type { StreamDecoder } from "../codec.js";
import type { IrFinishReason } from "../ir/finish-reason.js";
import type { IrBlockStart, IrStreamEvent } from "../ir/stream-event.js";
import type { IrUsage } from "../ir/usage.js";
import { streamInterruptedEvent } from "../stream-error-events.js";
import { classifyBedrockError } from "./classify-bedrock-error.js";
import { decodeBedrockStopReason } from "./decode-bedrock-stop-reason.js";
import { decodeBedrockUsage } from "./decode-bedrock-usage.js";
import type { EventStreamMessage } from "./event-stream-parser.js";

/** What the caller knows of the call that the stream does not say. */
export interface BedrockStreamContext {
  /** The `x-amzn-requestid` header, used as the answer's id (a random one otherwise). */
  requestId?: string;
  /** The model that answers. */
  model?: string;
  /** Clock in milliseconds, for tests. */
  now?: () => number;
}

type Json = Record<string, unknown>;

interface State {
  /** Bedrock's contentBlockIndex → IR block index and kind. */
  blocks: Map<number, { index: number; kind: IrBlockStart["type"] }>;
  next: number;
  stop: { reason: IrFinishReason; sequence?: string } | undefined;
  usage: IrUsage | undefined;
  over: boolean;
}

function record(value: unknown): Json | undefined {
  return typeof value === "object" && value !== null && !Array.isArray(value) ? (value as Json) : undefined;
}

function open(s: State, at: number, block: IrBlockStart, out: IrStreamEvent[]): number {
  const index = s.next++;
  s.blocks.set(at, { index, kind: block.type });
  out.push({ type: "block_start", index, block });
  return index;
}

/** The IR block a delta belongs to, opening it from the delta's kind (Bedrock starts only tool blocks). */
function blockFor(s: State, at: number, delta: Json, out: IrStreamEvent[]): number {
  const known = s.blocks.get(at);
  if (known !== undefined) return known.index;
  if (record(delta.toolUse) !== undefined)
    return open(s, at, { type: "tool_call", id: `tooluse_${at}`, name: "" }, out);
  const reasoning = record(delta.reasoningContent);
  if (reasoning === undefined) return open(s, at, { type: "text" }, out);
  if (typeof reasoning.redactedContent === "string") {
    return open(s, at, { type: "redacted_reasoning", data: reasoning.redactedContent }, out);
  }
  return open(s, at, { type: "reasoning" }, out);
}

function onDelta(s: State, p: Json, out: IrStreamEvent[]): void {
  const delta = record(p.delta) ?? {};
  const at = typeof p.contentBlockIndex === "number" ? p.contentBlockIndex : 0;
  const index = blockFor(s, at, delta, out);
  const reasoning = record(delta.reasoningContent);
  const toolUse = record(delta.toolUse);
  if (typeof delta.text === "string")
    out.push({ type: "block_delta", index, delta: { type: "text", text: delta.text } });
  else if (typeof toolUse?.input === "string") {
    out.push({ type: "block_delta", index, delta: { type: "tool_arguments", json: toolUse.input } });
  } else if (typeof reasoning?.text === "string") {
    out.push({ type: "block_delta", index, delta: { type: "reasoning", text: reasoning.text } });
  } else if (typeof reasoning?.signature === "string") {
    out.push({ type: "block_delta", index, delta: { type: "signature", signature: reasoning.signature } });
  }
}

function onStart(s: State, p: Json, out: IrStreamEvent[]): void {
  const toolUse = record(record(p.start)?.toolUse);
  const at = typeof p.contentBlockIndex === "number" ? p.contentBlockIndex : 0;
  if (toolUse === undefined || s.blocks.has(at)) return;
  const id = typeof toolUse.toolUseId === "string" ? toolUse.toolUseId : `tooluse_${at}`;
  open(s, at, { type: "tool_call", id, name: typeof toolUse.name === "string" ? toolUse.name : "" }, out);
}

/** Ends the answer once both messageStop and metadata (usage) have come, closing any block left open. */
function maybeFinish(s: State, out: IrStreamEvent[]): void {
  if (s.stop === undefined || s.usage === undefined) return;
  for (const { index } of s.blocks.values()) out.push({ type: "block_end", index });
  s.blocks.clear();
  out.push({ type: "usage", usage: s.usage });
  out.push(
    s.stop.sequence === undefined
      ? { type: "finish", reason: s.stop.reason }
      : { type: "finish", reason: s.stop.reason, stopSequence: s.stop.sequence },
  );
  out.push({ type: "end" });
  s.over = true;
}

function onEvent(s: State, type: string, p: Json, out: IrStreamEvent[]): void {
  if (type === "contentBlockStart") onStart(s, p, out);
  else if (type === "contentBlockDelta") onDelta(s, p, out);
  else if (type === "contentBlockStop") {
    const at = typeof p.contentBlockIndex === "number" ? p.contentBlockIndex : 0;
    const block = s.blocks.get(at);
    if (block !== undefined) out.push({ type: "block_end", index: block.index });
    s.blocks.delete(at);
  } else if (type === "messageStop") {
    const reason = decodeBedrockStopReason(typeof p.stopReason === "string" ? p.stopReason : undefined);
    const sequence = record(p.additionalModelResponseFields)?.stop_sequence;
    s.stop = reason === "stop_sequence" && typeof sequence === "string" ? { reason, sequence } : { reason };
    maybeFinish(s, out);
  } else if (type === "metadata") {
    s.usage = decodeBedrockUsage(p.usage);
    maybeFinish(s, out);
  }
}

function error(s: State, code: IrStreamEvent & { type: "error" }): IrStreamEvent[] {
  s.over = true;
  return [code];
}

/**
 * Bedrock ConverseStream messages (from EventStreamParser) → IR events. `messageStart` starts the answer;
 * text and reasoning blocks open on their first `contentBlockDelta`, tool blocks on `contentBlockStart`;
 * `contentBlockStop` closes a block; the answer ends when both `messageStop` and `metadata` (usage) have
 * come. An exception message (`:message-type` exception or error) is an IR error; a body that ends
 * before messageStop and metadata is `stream_interrupted`.
 * @see https://docs.aws.amazon.com/bedrock/latest/APIReference/API_runtime_ConverseStream.html
 * @see https://docs.aws.amazon.com/bedrock/latest/APIReference/API_runtime_ConverseStreamOutput.html
 *
 * @example
 * const parser = new EventStreamParser();
 * const decoder = createBedrockStreamDecoder({ requestId, model });
 * for (const chunk of body) for (const m of parser.push(chunk)) events.push(...decoder.push(m));
 */
export function createBedrockStreamDecoder(
  context: BedrockStreamContext = {},
): StreamDecoder<EventStreamMessage> {
  const s: State = { blocks: new Map(), next: 0, stop: undefined, usage: undefined, over: false };
  return {
    push(message) {
      if (s.over) return [];
      const h = message.headers;
      const text = new TextDecoder().decode(message.payload);
      let payload: Json | undefined;
      try {
        payload = record(text === "" ? {} : JSON.parse(text));
      } catch {
        payload = undefined;
      }
      const kind = h[":message-type"] ?? "event";
      if (kind === "exception") {
        const type = h[":exception-type"] ?? "";
        const msg =
          typeof payload?.message === "string" ? payload.message : `Bedrock stream exception ${type}`;
        return error(s, { type: "error", code: classifyBedrockError(type, 0, msg), message: msg });
      }
      if (kind === "error") {
        const msg = h[":error-message"] ?? `Bedrock stream error ${h[":error-code"] ?? ""}`.trim();
        return error(s, { type: "error", code: "upstream_error", message: msg });
      }
      if (payload === undefined)
        return error(s, {
          type: "error",
          code: "upstream_error",
          message: "Bedrock sent a malformed stream event",
        });
      const out: IrStreamEvent[] = [];
      const type = h[":event-type"] ?? "";
      if (type === "messageStart") {
        const id = context.requestId ?? `bedrock-${globalThis.crypto.randomUUID()}`;
        out.push({
          type: "start",
          id,
          model: context.model ?? "",
          created: Math.floor((context.now ?? Date.now)() / 1000),
        });
      } else onEvent(s, type, payload, out);
      return out;
    },
    end() {
      if (s.over) return [];
      s.over = true;
      return [streamInterruptedEvent("The Bedrock stream ended before messageStop and metadata")];
    },
  };
}

import type { StreamEncoder } from "../codec.js";
import { GatewayError } from "../errors/gateway-error.js";
import type { IrFinishReason } from "../ir/finish-reason.js";
import type { IrStreamEvent } from "../ir/stream-event.js";
import type { IrUsage } from "../ir/usage.js";
import { encodeGeminiError } from "./encode-gemini-error.js";
import { encodeGeminiFinishReason } from "./encode-gemini-finish-reason.js";
import { parseGeminiArgs } from "./encode-gemini-parts.js";
import { encodeGeminiUsage } from "./encode-gemini-usage.js";
import type { GeminiCandidate, GeminiGenerateContentResponse, GeminiPart } from "./gemini-wire-types.js";

/** Options of the Gemini stream encoder. */
export interface GeminiStreamEncoderOptions {
  /** The public model name the client asked for (`modelVersion`). */
  model: string;
}

interface Block {
  kind: "text" | "reasoning" | "tool_call" | "skip";
  id?: string;
  name?: string;
  args: string;
  hadText: boolean;
  signature?: string;
}

interface State {
  id: string;
  blocks: Map<number, Block>;
  /** A signature from an empty reasoning block, waiting for the next text part (where Gemini sent it). */
  carried: string | undefined;
  usage: IrUsage | undefined;
  reason: IrFinishReason | undefined;
  over: boolean;
}

/**
 * Google frames `alt=sse` chunks as `data: <one-line JSON>` followed by CRLF CRLF; any SSE parser, and
 * the Gen AI SDKs, accept it.
 */
function frame(body: unknown): string {
  return `data: ${JSON.stringify(body)}\r\n\r\n`;
}

function chunk(s: State, model: string, parts: GeminiPart[], extra: Partial<GeminiCandidate> = {}): string {
  const body: GeminiGenerateContentResponse = {
    candidates: [{ content: { parts, role: "model" }, ...extra, index: 0 }],
    modelVersion: model,
    responseId: s.id,
  };
  return frame(body);
}

function flushCarried(s: State, model: string): string {
  if (s.carried === undefined) return "";
  const out = chunk(s, model, [{ text: "", thoughtSignature: s.carried }]);
  s.carried = undefined;
  return out;
}

function onDelta(s: State, model: string, ev: IrStreamEvent & { type: "block_delta" }): string {
  const block = s.blocks.get(ev.index);
  if (block === undefined || block.kind === "skip") return "";
  const d = ev.delta;
  if (d.type === "text") {
    const part: GeminiPart =
      s.carried === undefined ? { text: d.text } : { text: d.text, thoughtSignature: s.carried };
    s.carried = undefined;
    return chunk(s, model, [part]);
  }
  if (d.type === "reasoning") {
    block.hadText = true;
    return flushCarried(s, model) + chunk(s, model, [{ text: d.text, thought: true }]);
  }
  if (d.type === "signature") block.signature = d.signature;
  else block.args += d.json;
  return "";
}

function onBlockEnd(s: State, model: string, ev: IrStreamEvent & { type: "block_end" }): string {
  const block = s.blocks.get(ev.index);
  s.blocks.delete(ev.index);
  if (block === undefined) return "";
  const signature = ev.signature ?? block.signature;
  if (block.kind === "tool_call") {
    const part: GeminiPart = {
      functionCall: { id: block.id!, name: block.name!, args: parseGeminiArgs(block.args) ?? {} },
    };
    if (signature !== undefined) part.thoughtSignature = signature;
    return flushCarried(s, model) + chunk(s, model, [part]);
  }
  if (block.kind !== "reasoning" || signature === undefined) return "";
  if (block.hadText) return chunk(s, model, [{ text: "", thought: true, thoughtSignature: signature }]);
  const out = flushCarried(s, model);
  s.carried = signature;
  return out;
}

function onEnd(s: State, model: string): string {
  const parts: GeminiPart[] = [
    s.carried === undefined ? { text: "" } : { text: "", thoughtSignature: s.carried },
  ];
  const body: GeminiGenerateContentResponse = {
    candidates: [
      {
        content: { parts, role: "model" },
        finishReason: encodeGeminiFinishReason(s.reason ?? "stop"),
        index: 0,
      },
    ],
    usageMetadata: encodeGeminiUsage(s.usage ?? { inputTokens: 0, outputTokens: 0 }),
    modelVersion: model,
    responseId: s.id,
  };
  s.over = true;
  return frame(body);
}

/**
 * IR events → Gemini `alt=sse` chunks (each a GenerateContentResponse). Text and thoughts stream as they
 * come; a function call is sent whole when its block ends (Gemini never splits `args`); the last chunk
 * carries `finishReason` and `usageMetadata`. After an IR error it writes Google's error object
 * (`{"error":{"code","message","status"}}`) and nothing more, so the stream never looks finished.
 * @see https://ai.google.dev/api/generate-content#method:-models.streamgeneratecontent
 *
 * @example
 * const encoder = createGeminiStreamEncoder({ model: "gemini-2.5-flash" });
 * socket.write(encoder.push(event));
 */
export function createGeminiStreamEncoder(options: GeminiStreamEncoderOptions): StreamEncoder {
  const { model } = options;
  const s: State = {
    id: "",
    blocks: new Map(),
    carried: undefined,
    usage: undefined,
    reason: undefined,
    over: false,
  };
  return {
    push(ev) {
      if (s.over) return "";
      switch (ev.type) {
        case "start":
          s.id = ev.id;
          return "";
        case "block_start": {
          const b = ev.block;
          const kind = b.type === "redacted_reasoning" ? "skip" : b.type;
          const block: Block = { kind, args: "", hadText: false };
          if (b.type === "tool_call") Object.assign(block, { id: b.id, name: b.name });
          s.blocks.set(ev.index, block);
          return "";
        }
        case "block_delta":
          return onDelta(s, model, ev);
        case "block_end":
          return onBlockEnd(s, model, ev);
        case "usage":
          s.usage = ev.usage;
          return "";
        case "finish":
          s.reason = ev.reason;
          return "";
        case "end":
          return onEnd(s, model);
        case "error":
          s.over = true;
          return frame(encodeGeminiError(new GatewayError(ev.code, ev.message)).body);
      }
    },
  };
}

import type { StreamDecoder } from "../codec.js";
import { isGatewayError } from "../errors/gateway-error.js";
import type { IrPart } from "../ir/content.js";
import type { IrStreamEvent } from "../ir/stream-event.js";
import type { IrUsage } from "../ir/usage.js";
import type { SseEvent } from "../sse/sse-parser.js";
import { streamInterruptedEvent } from "../stream-error-events.js";
import {
  createGeminiFunctionCallAssembler,
  type GeminiFunctionCallAssembler,
} from "./create-gemini-function-call-assembler.js";
import { decodeGeminiAnswerPart } from "./decode-gemini-answer-part.js";
import { readGeminiCandidateParts } from "./decode-gemini-candidate.js";
import { decodeGeminiError } from "./decode-gemini-error.js";
import { decodeGeminiFinishReason } from "./decode-gemini-finish-reason.js";
import { decodeGeminiUsage } from "./decode-gemini-usage.js";
import { geminiField, isJsonObject, type JsonObject } from "./gemini-field-reader.js";
import { stripGeminiModelPrefix } from "./strip-gemini-model-prefix.js";
import { synthesizeGeminiId } from "./synthesize-gemini-id.js";

/** Options of the Gemini stream decoder. */
export interface GeminiStreamDecoderOptions {
  /** Clock for the `created` time (milliseconds), for tests. */
  now?: () => number;
}

/** Everything the decoder remembers between chunks. */
interface State {
  started: boolean;
  id: string;
  chunk: number;
  next: number;
  open: { index: number; kind: "text" | "reasoning" } | undefined;
  toolCalls: boolean;
  usage: IrUsage | undefined;
  over: boolean;
  /** Function calls, which Vertex may stream over several chunks. */
  calls: GeminiFunctionCallAssembler;
}

function close(s: State, out: IrStreamEvent[]): void {
  if (s.open === undefined) return;
  out.push({ type: "block_end", index: s.open.index });
  s.open = undefined;
}

function ensureOpen(s: State, kind: "text" | "reasoning", out: IrStreamEvent[]): number {
  if (s.open?.kind === kind) return s.open.index;
  close(s, out);
  s.open = { index: s.next++, kind };
  out.push({ type: "block_start", index: s.open.index, block: { type: kind } });
  return s.open.index;
}

function onPart(s: State, part: IrPart, out: IrStreamEvent[]): void {
  if (part.type === "text" && part.text !== "") {
    out.push({
      type: "block_delta",
      index: ensureOpen(s, "text", out),
      delta: { type: "text", text: part.text },
    });
  } else if (part.type === "reasoning") {
    if (part.text === "" && part.signature === undefined) return;
    const index = ensureOpen(s, "reasoning", out);
    if (part.text !== "")
      out.push({ type: "block_delta", index, delta: { type: "reasoning", text: part.text } });
    if (part.signature === undefined) return;
    // A signature seals the thought so far: Gemini sends it on the part that closes a reasoning step.
    out.push({ type: "block_delta", index, delta: { type: "signature", signature: part.signature } });
    close(s, out);
  } else if (part.type === "tool_call") {
    close(s, out);
    const index = s.next++;
    s.toolCalls = true;
    out.push({ type: "block_start", index, block: { type: "tool_call", id: part.id, name: part.name } });
    out.push({ type: "block_delta", index, delta: { type: "tool_arguments", json: part.arguments } });
    out.push(
      part.signature === undefined
        ? { type: "block_end", index }
        : { type: "block_end", index, signature: part.signature },
    );
  }
}

function finish(s: State, reason: IrStreamEvent & { type: "finish" }, out: IrStreamEvent[]): void {
  close(s, out);
  out.push({ type: "usage", usage: s.usage ?? { inputTokens: 0, outputTokens: 0 } });
  out.push(reason, { type: "end" });
  s.over = true;
}

function onChunk(s: State, chunk: JsonObject, now: () => number, out: IrStreamEvent[]): void {
  if (!s.started) {
    s.started = true;
    if (typeof chunk.responseId === "string") s.id = chunk.responseId;
    const model = typeof chunk.modelVersion === "string" ? stripGeminiModelPrefix(chunk.modelVersion) : "";
    out.push({ type: "start", id: s.id, model, created: Math.floor(now() / 1000) });
  }
  if (isJsonObject(chunk.usageMetadata)) s.usage = decodeGeminiUsage(chunk.usageMetadata);
  if (chunk.candidates !== undefined && chunk.candidates !== null && !Array.isArray(chunk.candidates))
    throw geminiField.upstream("candidates", "must be an array");
  const candidate: unknown = Array.isArray(chunk.candidates) ? chunk.candidates[0] : undefined;
  const at = s.chunk++;
  readGeminiCandidateParts(candidate, "candidates[0]").forEach((raw, i) => {
    const ctx = { param: `candidates[0].content.parts[${i}]`, callSeed: `${s.id}/${at}` };
    for (const part of decodeGeminiAnswerPart(raw, ctx, s.calls)) onPart(s, part, out);
  });
  const finishReason = isJsonObject(candidate) ? candidate.finishReason : undefined;
  if (finishReason !== undefined && finishReason !== null && typeof finishReason !== "string")
    throw geminiField.upstream("candidates[0].finishReason", "must be a string");
  const reason = typeof finishReason === "string" ? finishReason : undefined;
  // A streamed call whose closing part never came is complete when the answer is.
  if (reason !== undefined) for (const call of s.calls.flush()) onPart(s, call, out);
  if (reason !== undefined) {
    finish(s, { type: "finish", reason: decodeGeminiFinishReason(reason, s.toolCalls) }, out);
  } else if (
    candidate === undefined &&
    isJsonObject(chunk.promptFeedback) &&
    chunk.promptFeedback.blockReason
  ) {
    finish(s, { type: "finish", reason: "content_filter" }, out);
  }
}

function fail(s: State, code: IrStreamEvent & { type: "error" }, out: IrStreamEvent[]): IrStreamEvent[] {
  s.over = true;
  out.push(code);
  return out;
}

/**
 * Gemini `:streamGenerateContent?alt=sse` frames → IR events. Each frame's data is a whole
 * GenerateContentResponse chunk; text and thought parts extend the open block of their kind, each function
 * call is a complete block (a call Vertex streams in parts, `partialArgs`, becomes one block when it
 * completes), the chunk with a `finishReason` ends the stream (usage taken from the latest
 * `usageMetadata`, complete on the last chunk). There is no [DONE] marker: a body that ends before a
 * finishReason is `stream_interrupted`. An `{"error":{...}}` chunk is an IR error.
 * @see https://ai.google.dev/api/generate-content#method:-models.streamgeneratecontent
 *
 * @example
 * const decoder = createGeminiStreamDecoder();
 * for (const frame of frames) events.push(...decoder.push(frame));
 * events.push(...decoder.end());
 */
export function createGeminiStreamDecoder(options: GeminiStreamDecoderOptions = {}): StreamDecoder<SseEvent> {
  const now = options.now ?? Date.now;
  const s: State = {
    started: false,
    id: "",
    chunk: 0,
    next: 0,
    open: undefined,
    toolCalls: false,
    usage: undefined,
    over: false,
    calls: createGeminiFunctionCallAssembler(),
  };
  return {
    push(frame) {
      const out: IrStreamEvent[] = [];
      if (s.over || frame.data.trim() === "") return out;
      let chunk: unknown;
      try {
        chunk = JSON.parse(frame.data);
      } catch {
        return fail(
          s,
          { type: "error", code: "upstream_error", message: "Gemini sent a malformed stream chunk" },
          out,
        );
      }
      if (!isJsonObject(chunk)) {
        return fail(
          s,
          { type: "error", code: "upstream_error", message: "Gemini sent a malformed stream chunk" },
          out,
        );
      }
      if (isJsonObject(chunk.error)) {
        const status = typeof chunk.error.code === "number" ? chunk.error.code : 500;
        const err = decodeGeminiError(status, frame.data, {});
        return fail(s, { type: "error", code: err.code, message: err.message }, out);
      }
      if (s.id === "") s.id = synthesizeGeminiId("gemini", frame.data);
      try {
        onChunk(s, chunk, now, out);
      } catch (err) {
        if (!isGatewayError(err)) throw err;
        return fail(s, { type: "error", code: err.code, message: err.message }, out);
      }
      return out;
    },
    end() {
      if (s.over) return [];
      s.over = true;
      return [streamInterruptedEvent("The Gemini stream ended before a finishReason")];
    },
  };
}

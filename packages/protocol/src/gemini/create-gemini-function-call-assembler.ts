import type { IrToolCallPart } from "../ir/content.js";
import { MAX_JSON_DEPTH } from "../json/max-json-depth.js";
import { stringifyJsonWithinDepth } from "../json/stringify-json-within-depth.js";
import { applyGeminiPartialArgs } from "./apply-gemini-partial-args.js";
import { geminiField, type JsonObject } from "./gemini-field-reader.js";
import { synthesizeGeminiId } from "./synthesize-gemini-id.js";

/** Where a functionCall part sits in an upstream answer. */
export interface GeminiCallContext {
  /** The part's JSON path, e.g. `candidates[0].content.parts[2]`. */
  param: string;
  /** Distinguishes this part from all others of the answer (response id and chunk number). */
  callSeed: string;
}

/**
 * Turns the `functionCall` parts of an upstream answer into IR tool calls. A part with a `name` and no
 * `willContinue` is a whole call. Vertex's streamed calls (`streamFunctionCallArguments`) span parts and
 * chunks: `{name, willContinue: true}` opens a call, `{partialArgs, willContinue: true}` parts add
 * arguments, and the first part without `willContinue` (often an empty `functionCall: {}`) closes it.
 */
export interface GeminiFunctionCallAssembler {
  /** One part holding a `functionCall` → the calls it completes (none while a streamed call is open). */
  push(part: JsonObject, ctx: GeminiCallContext): IrToolCallPart[];
  /** The streamed call still open, completed (a finishReason came without the closing part), if any. */
  flush(): IrToolCallPart[];
}

interface OpenCall {
  id: string | undefined;
  name: string;
  seed: string;
  args: JsonObject;
  signature: string | undefined;
  continuing: Set<string>;
  param: string;
}

function optional<T>(value: unknown, param: string, kind: "string" | "boolean"): T | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== kind) throw geminiField.upstream(param, `must be a ${kind}`);
  return value as T;
}

/** A finished call in IR terms: JSON text arguments, and an id (Gemini's, or one made from where it sat). */
function complete(call: OpenCall): IrToolCallPart {
  const args = stringifyJsonWithinDepth(call.args);
  if (args === undefined)
    throw geminiField.upstream(
      `${call.param}.functionCall.args`,
      `nests deeper than ${MAX_JSON_DEPTH} levels`,
    );
  const id = call.id ?? synthesizeGeminiId("call", `${call.seed}/${args}`);
  const out: IrToolCallPart = { type: "tool_call", id, name: call.name, arguments: args };
  if (call.signature !== undefined) out.signature = call.signature;
  return out;
}

/**
 * A fresh assembler; one per answer (or per stream), since a streamed call spans chunks.
 * @see https://ai.google.dev/api/caching#FunctionCall
 * @see https://googleapis.github.io/js-genai/release_docs/interfaces/types.FunctionCall.html (partialArgs, willContinue)
 *
 * @example
 * const calls = createGeminiFunctionCallAssembler();
 * calls.push({ functionCall: { name: "f", args: { a: 1 } } }, { param: "candidates[0].content.parts[0]", callSeed: "r" });
 * // [{ type: "tool_call", id: "call_…", name: "f", arguments: '{"a":1}' }]
 */
export function createGeminiFunctionCallAssembler(): GeminiFunctionCallAssembler {
  let open: OpenCall | undefined;
  const flush = (): IrToolCallPart[] => {
    const call = open;
    open = undefined;
    return call === undefined ? [] : [complete(call)];
  };
  return {
    flush,
    push(part, ctx) {
      const at = `${ctx.param}.functionCall`;
      const fc = part.functionCall;
      if (typeof fc !== "object" || fc === null || Array.isArray(fc))
        throw geminiField.upstream(at, "must be an object");
      const call = fc as JsonObject;
      const name = optional<string>(call.name, `${at}.name`, "string");
      const willContinue = optional<boolean>(call.willContinue, `${at}.willContinue`, "boolean") === true;
      const out: IrToolCallPart[] = [];
      if (name !== undefined) {
        // A new call while one is open: the open one's closing part never came.
        out.push(...flush());
        if (
          call.args !== undefined &&
          call.args !== null &&
          (typeof call.args !== "object" || Array.isArray(call.args))
        )
          throw geminiField.upstream(`${at}.args`, "must be an object");
        open = {
          id: optional<string>(call.id, `${at}.id`, "string"),
          name,
          seed: `${ctx.callSeed}/${ctx.param}/${name}`,
          args: (call.args as JsonObject | null | undefined) ?? {},
          signature: optional<string>(part.thoughtSignature, `${ctx.param}.thoughtSignature`, "string"),
          continuing: new Set(),
          param: ctx.param,
        };
      } else if (open === undefined) {
        throw geminiField.upstream(`${at}.name`, "must be a string (no streamed call is open to continue)");
      }
      if (call.partialArgs !== undefined && call.partialArgs !== null) {
        // Streamed arguments are built into a (shallow) copy, not into the upstream's own `args` object.
        if (open.args === call.args) open.args = { ...open.args };
        applyGeminiPartialArgs(open.args, call.partialArgs, `${at}.partialArgs`, open.continuing);
      }
      if (!willContinue) out.push(...flush());
      return out;
    },
  };
}

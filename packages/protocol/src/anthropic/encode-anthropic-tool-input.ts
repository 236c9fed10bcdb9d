import { tryParseJson } from "../json/try-parse-json.js";
import { isRecord } from "./wire-validation.js";

/** The key under which tool arguments that are not a JSON object are carried in `tool_use.input`. */
export const RAW_ARGUMENTS_KEY = "_raw_arguments";

export interface EncodedToolInput {
  input: Record<string, unknown>;
  /** True when the arguments were not a JSON object and were wrapped under RAW_ARGUMENTS_KEY. */
  wrapped: boolean;
}

/**
 * IR tool-call arguments (JSON text) → Anthropic `tool_use.input` (must be an object). Empty text is
 * `{}` (providers send it for argument-less calls). Text that does not parse to an object — a model's
 * truncated JSON echoed back in history, say, or JSON nested deeper than MAX_JSON_DEPTH — is never a crash: it is wrapped as
 * `{ "_raw_arguments": text }` so the conversation still goes through, and the caller warns.
 * @see https://docs.anthropic.com/en/docs/agents-and-tools/tool-use/implement-tool-use
 *
 * @example
 * encodeAnthropicToolInput('{"city":"Paris"}'); // { input: { city: "Paris" }, wrapped: false }
 * encodeAnthropicToolInput('{"city":'); // { input: { _raw_arguments: '{"city":' }, wrapped: true }
 */
export function encodeAnthropicToolInput(args: string): EncodedToolInput {
  if (args.trim() === "") return { input: {}, wrapped: false };
  // Depth-bounded: arguments nested too deeply to be serialized again are wrapped like any non-JSON text.
  const parsed = tryParseJson(args);
  if (isRecord(parsed)) return { input: parsed, wrapped: false };
  return { input: { [RAW_ARGUMENTS_KEY]: args }, wrapped: true };
}

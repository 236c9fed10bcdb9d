import type { IrChatRequest, IrReasoningConfig, IrResponseFormat } from "../ir/chat-request.js";
import type { DecodedChatRequest } from "../ir/decoded-chat-request.js";
import type { UnmodeledField } from "../ir/unmodeled-field.js";
import { createFieldReader, type FieldReader, type JsonObject } from "../openai/create-field-reader.js";
import { decodeResponsesInput } from "./decode-responses-input.js";
import { decodeResponsesToolChoice, decodeResponsesTools } from "./decode-responses-tools.js";
import { type ResponsesSettings, responsesSettingsOf } from "./responses-settings.js";

/** A decoded Responses request: the IR, dropped params, unmodeled features, and what the answer echoes. */
export interface DecodedResponsesRequest extends DecodedChatRequest {
  settings: ResponsesSettings;
}

/** Parameters dropped with a warning when set: they do not change the question. */
const DROPPED = [
  "top_logprobs",
  "service_tier",
  "prompt_cache_key",
  "prompt_cache_retention",
  "max_tool_calls",
];

const EFFORTS = ["none", "minimal", "low", "medium", "high", "xhigh"] as const;
/**
 * Parameters that need state this codec does not hold: a clear 400 rather than an answer to another
 * question. `previous_response_id` is the gateway's to resolve before decoding (it rebuilds the whole
 * conversation into `input`, apps/server/src/data-plane/responses/prepare-turn.ts): one still here was
 * not resolved. Conversations and background responses are not supported by the gateway.
 */
function refuseStateful(b: JsonObject, r: FieldReader): void {
  if (b.previous_response_id != null) {
    r.string(b.previous_response_id, "previous_response_id");
    r.fail("is set, but it must be resolved before the request is decoded", "previous_response_id");
  }
  if (b.conversation != null)
    r.fail(
      "is set, but conversations are not supported by the gateway: use previous_response_id, or send the whole conversation in 'input'",
      "conversation",
    );
  if (b.background === true)
    r.fail("is true, but background responses are not supported by the gateway", "background");
}

/** @see https://platform.openai.com/docs/api-reference/responses/create#responses-create-reasoning */
function decodeReasoning(value: unknown, r: FieldReader, warnings: string[]): IrReasoningConfig | undefined {
  const o = r.object(value, "reasoning");
  const effort = r.optional(o.effort, (v) => r.oneOf(v, "reasoning.effort", EFFORTS));
  const summary = r.optional(o.summary ?? o.generate_summary, (v) =>
    r.oneOf(v, "reasoning.summary", ["auto", "concise", "detailed"] as const),
  );
  if (effort === "none") return { enabled: false };
  if (effort === undefined && summary === undefined) return undefined;
  const config: IrReasoningConfig = { enabled: true };
  if (effort === "xhigh") {
    warnings.push("reasoning.effort 'xhigh' is not supported by the gateway; sent as 'high'");
    config.effort = "high";
  } else if (effort !== undefined) config.effort = effort;
  if (summary !== undefined) config.includeThoughts = true;
  return config;
}

/** `text.format` → IR response format; json_schema is flat here (name and schema beside type). */
function decodeTextFormat(value: unknown, r: FieldReader, warnings: string[]): IrResponseFormat | undefined {
  const text = r.object(value, "text");
  if (text.verbosity != null) warnings.push("text.verbosity is not supported by the gateway; dropped");
  if (text.format == null) return undefined;
  const f = r.object(text.format, "text.format");
  const type = r.oneOf(f.type, "text.format.type", ["text", "json_object", "json_schema"] as const);
  if (type !== "json_schema") return { type };
  const out: IrResponseFormat = {
    type,
    name: r.string(f.name, "text.format.name"),
    schema: r.object(f.schema, "text.format.schema"),
  };
  const strict = r.optional(f.strict, (v) => r.boolean(v, "text.format.strict"));
  if (strict !== undefined) out.strict = strict;
  const description = r.optional(f.description, (v) => r.string(v, "text.format.description"));
  if (description !== undefined) out.description = description;
  return out;
}

function decodeSampling(b: JsonObject, r: FieldReader, ir: IrChatRequest): void {
  const max = r.optional(b.max_output_tokens, (v) =>
    r.number(v, "max_output_tokens", { integer: true, min: 1 }),
  );
  if (max !== undefined) ir.maxTokens = max;
  const temperature = r.optional(b.temperature, (v) => r.number(v, "temperature", { min: 0, max: 2 }));
  if (temperature !== undefined) ir.temperature = temperature;
  const topP = r.optional(b.top_p, (v) => r.number(v, "top_p", { min: 0, max: 1 }));
  if (topP !== undefined) ir.topP = topP;
  const parallel = r.optional(b.parallel_tool_calls, (v) => r.boolean(v, "parallel_tool_calls"));
  if (parallel !== undefined) ir.parallelToolCalls = parallel;
  const user = r.optional(b.safety_identifier ?? b.user, (v) => r.string(v, "safety_identifier"));
  if (user !== undefined) ir.user = user;
}

function decodeToolsInto(
  b: JsonObject,
  r: FieldReader,
  ir: IrChatRequest,
  unmodeled: UnmodeledField[],
): void {
  const tools = b.tools == null ? [] : decodeResponsesTools(b.tools, r, unmodeled);
  // Left out when empty: some upstreams refuse `tools: []`.
  if (tools.length > 0) ir.tools = tools;
  if (b.tool_choice == null) return;
  const choice = decodeResponsesToolChoice(b.tool_choice, r, unmodeled);
  if (choice?.type === "tool" && !tools.some((t) => t.name === choice.name))
    r.fail("names no declared function tool", "tool_choice.name");
  if (choice !== undefined) ir.toolChoice = choice;
}

/**
 * A client's Responses API body (`POST /v1/responses`) → IR, leniently like the Chat Completions decoder:
 * bad input throws GatewayError("invalid_request") naming the parameter; valid features the IR cannot
 * carry (hosted tools, input files, stored prompts) are listed in `unmodeled`; parameters dropped without
 * changing the question are listed in `warnings`. Parameters that need state (conversation, background,
 * and a previous_response_id the gateway did not resolve first) are refused.
 * `settings` holds what the answer's `response` object echoes back.
 * @see https://platform.openai.com/docs/api-reference/responses/create
 *
 * @example
 * const { request } = decodeResponsesRequestWithWarnings({ model: "gpt-5", input: "Hi", instructions: "Be brief" });
 * // request.system: [{ type: "text", text: "Be brief" }]
 */
export function decodeResponsesRequestWithWarnings(body: unknown): DecodedResponsesRequest {
  const r = createFieldReader("invalid_request");
  const b = r.object(body, "body");
  const warnings: string[] = [];
  const unmodeled: UnmodeledField[] = [];
  const model = r.string(b.model, "model");
  if (model === "") r.fail("must not be empty", "model");
  refuseStateful(b, r);
  const instructions = r.optional(b.instructions, (v) => r.string(v, "instructions"));
  const { system, messages } = decodeResponsesInput(b.input, r, unmodeled);
  const stream = r.optional(b.stream, (v) => r.boolean(v, "stream")) ?? false;
  const ir: IrChatRequest = { model, messages, stream };
  const allSystem = instructions ? [{ type: "text" as const, text: instructions }, ...system] : system;
  if (allSystem.length > 0) ir.system = allSystem;
  decodeToolsInto(b, r, ir, unmodeled);
  decodeSampling(b, r, ir);
  if (b.text != null) {
    const format = decodeTextFormat(b.text, r, warnings);
    if (format !== undefined) ir.responseFormat = format;
  }
  if (b.reasoning != null) {
    const reasoning = decodeReasoning(b.reasoning, r, warnings);
    if (reasoning !== undefined) ir.reasoning = reasoning;
  }
  if (b.prompt != null) {
    r.object(b.prompt, "prompt");
    unmodeled.push({ param: "prompt", reason: "refers to a prompt template stored at OpenAI" });
  }
  for (const key of DROPPED)
    if (b[key] != null) warnings.push(`${key} is not supported by the gateway; dropped`);
  return { request: ir, warnings, unmodeled, settings: responsesSettingsOf(b, r) };
}

import type { IrChatRequest, IrReasoningConfig, IrResponseFormat, IrTool } from "../ir/chat-request.js";
import type { DecodedChatRequest } from "../ir/decoded-chat-request.js";
import type { UnmodeledField } from "../ir/unmodeled-field.js";
import { refuseUnmodeled } from "../refuse-unmodeled.js";
import { createFieldReader, type FieldReader, type JsonObject } from "./create-field-reader.js";
import { decodeOpenAIMessages } from "./decode-openai-messages.js";
import { decodeOpenAIToolChoice, decodeOpenAITools } from "./decode-openai-tools.js";

/** A decoded Chat Completions request: the IR, the dropped parameters, the features the IR cannot carry. */
export type DecodedOpenAIRequest = DecodedChatRequest;

/** Parameters the gateway cannot carry to every upstream: dropped with a warning when set. */
const DROPPED = [
  "logprobs",
  "top_logprobs",
  "logit_bias",
  "prediction",
  "web_search_options",
  "verbosity",
  "service_tier",
  "store",
  "metadata",
  "prompt_cache_key",
  "prompt_cache_retention",
] as const;

const EFFORTS = ["none", "minimal", "low", "medium", "high", "xhigh", "max"] as const;

/** @see https://platform.openai.com/docs/api-reference/chat/create#chat-create-reasoning_effort */
function decodeReasoning(value: unknown, r: FieldReader, warnings: string[]): IrReasoningConfig {
  const effort = r.oneOf(value, "reasoning_effort", EFFORTS);
  if (effort === "none") return { enabled: false };
  if (effort === "xhigh" || effort === "max") {
    // The IR's scale stops at high; the nearest level keeps the intent.
    warnings.push(`reasoning_effort '${effort}' is not supported by the gateway; sent as 'high'`);
    return { enabled: true, effort: "high" };
  }
  return { enabled: true, effort };
}

/** @see https://platform.openai.com/docs/api-reference/chat/create#chat-create-response_format */
function decodeResponseFormat(value: unknown, r: FieldReader): IrResponseFormat {
  const f = r.object(value, "response_format");
  const type = r.oneOf(f.type, "response_format.type", ["text", "json_object", "json_schema"]);
  if (type !== "json_schema") return { type };
  const js = r.object(f.json_schema, "response_format.json_schema");
  const out: IrResponseFormat = {
    type,
    name: r.string(js.name, "response_format.json_schema.name"),
    schema: r.optional(js.schema, (v) => r.object(v, "response_format.json_schema.schema")) ?? {},
  };
  const strict = r.optional(js.strict, (v) => r.boolean(v, "response_format.json_schema.strict"));
  if (strict !== undefined) out.strict = strict;
  const description = r.optional(js.description, (v) =>
    r.string(v, "response_format.json_schema.description"),
  );
  if (description !== undefined) out.description = description;
  return out;
}

function decodeStop(value: unknown, r: FieldReader): string[] {
  if (typeof value === "string") return [value];
  return r.array(value, "stop").map((s, i) => r.string(s, `stop[${i}]`));
}

const LEGACY_FUNCTIONS = "is the legacy function-calling format, which is not supported by the gateway";

/**
 * Top-level features valid in OpenAI's API that the IR cannot carry: several choices, the legacy
 * function-calling parameters and audio output. Their shape is still checked.
 */
function noteUnmodeled(body: JsonObject, r: FieldReader, unmodeled: UnmodeledField[]): void {
  if (body.functions != null) {
    r.array(body.functions, "functions");
    unmodeled.push({ param: "functions", reason: `${LEGACY_FUNCTIONS}: use 'tools'` });
  }
  if (body.function_call != null) {
    if (typeof body.function_call !== "string") r.object(body.function_call, "function_call");
    unmodeled.push({ param: "function_call", reason: `${LEGACY_FUNCTIONS}: use 'tool_choice'` });
  }
  const n = r.optional(body.n, (v) => r.number(v, "n", { integer: true, min: 1 }));
  if (n !== undefined && n > 1)
    unmodeled.push({ param: "n", reason: "greater than 1 is not supported by the gateway" });
  const modalities = r.optional(body.modalities, (v) => r.array(v, "modalities")) ?? [];
  for (const [i, m] of modalities.entries()) r.string(m, `modalities[${i}]`);
  if (modalities.includes("audio"))
    unmodeled.push({
      param: "modalities",
      reason: "asks for audio output, which is not supported by the gateway",
    });
  if (body.audio != null) {
    r.object(body.audio, "audio");
    unmodeled.push({
      param: "audio",
      reason: "configures audio output, which is not supported by the gateway",
    });
  }
}

/** Tools and tool_choice; an `allowed_tools` choice narrows the tools (the IR has no allow-list). */
function decodeToolsInto(
  b: JsonObject,
  r: FieldReader,
  ir: IrChatRequest,
  unmodeled: UnmodeledField[],
): void {
  let tools: IrTool[] | undefined = b.tools == null ? undefined : decodeOpenAITools(b.tools, r, unmodeled);
  if (b.tool_choice != null) {
    const { toolChoice, allowedTools } = decodeOpenAIToolChoice(b.tool_choice, r, unmodeled);
    if (toolChoice !== undefined) ir.toolChoice = toolChoice;
    if (allowedTools !== undefined) {
      allowedTools.forEach((name, i) => {
        if (!tools?.some((t) => t.name === name))
          r.fail("names no declared function", `tool_choice.allowed_tools.tools[${i}].function.name`);
      });
      tools = tools?.filter((t) => allowedTools.includes(t.name));
    }
  }
  // An empty list (none sent, or only tools the IR cannot carry) is left out: some upstreams refuse `tools: []`.
  if (tools !== undefined && tools.length > 0) ir.tools = tools;
}

function decodeSampling(body: JsonObject, r: FieldReader, ir: IrChatRequest): void {
  const num = (key: string, range: { min?: number; max?: number; integer?: boolean }) =>
    r.optional(body[key], (v) => r.number(v, key, range));
  const maxTokens =
    num("max_completion_tokens", { integer: true, min: 1 }) ?? num("max_tokens", { integer: true, min: 1 });
  const fields = {
    maxTokens,
    temperature: num("temperature", { min: 0, max: 2 }),
    topP: num("top_p", { min: 0, max: 1 }),
    // top_k is not OpenAI's, but OpenAI-compatible clients of vLLM and OpenRouter send it.
    topK: num("top_k", { integer: true, min: 1 }),
    seed: num("seed", { integer: true }),
    presencePenalty: num("presence_penalty", { min: -2, max: 2 }),
    frequencyPenalty: num("frequency_penalty", { min: -2, max: 2 }),
    stop: r.optional(body.stop, (v) => decodeStop(v, r)),
  };
  for (const [key, value] of Object.entries(fields))
    if (value !== undefined) Object.assign(ir, { [key]: value });
}

/**
 * A client's Chat Completions body → IR, leniently: bad input throws GatewayError("invalid_request")
 * naming the parameter, but valid OpenAI features the IR cannot carry (n > 1, `functions` and
 * `function_call`, audio output and audio/file parts, custom tools) are listed in `unmodeled` and left
 * out of the request, and parameters dropped without changing the question (logprobs, logit_bias, ...)
 * are listed in `warnings`. A same-protocol upstream gets the client's bytes and needs neither list;
 * a conversion should refuse a request whose `unmodeled` is not empty.
 * @see https://platform.openai.com/docs/api-reference/chat/create
 *
 * @example
 * const { request, unmodeled } = decodeOpenAIRequestWithWarnings({ model: "gpt-4o", n: 2,
 *   messages: [{ role: "user", content: "Hi" }] });
 * // unmodeled: [{ param: "n", reason: "greater than 1 is not supported by the gateway" }]
 */
export function decodeOpenAIRequestWithWarnings(body: unknown): DecodedOpenAIRequest {
  const r = createFieldReader("invalid_request");
  const b = r.object(body, "body");
  const warnings: string[] = [];
  const unmodeled: UnmodeledField[] = [];
  const model = r.string(b.model, "model");
  if (model === "") r.fail("must not be empty", "model");
  noteUnmodeled(b, r, unmodeled);
  const { system, messages } = decodeOpenAIMessages(b.messages, r, unmodeled);
  const stream = r.optional(b.stream, (v) => r.boolean(v, "stream")) ?? false;
  const ir: IrChatRequest = { model, messages, stream };
  if (system.length > 0) ir.system = system;
  decodeToolsInto(b, r, ir, unmodeled);
  const parallel = r.optional(b.parallel_tool_calls, (v) => r.boolean(v, "parallel_tool_calls"));
  if (parallel !== undefined) ir.parallelToolCalls = parallel;
  decodeSampling(b, r, ir);
  if (b.response_format != null) ir.responseFormat = decodeResponseFormat(b.response_format, r);
  if (b.reasoning_effort != null) ir.reasoning = decodeReasoning(b.reasoning_effort, r, warnings);
  const options = r.optional(b.stream_options, (v) => r.object(v, "stream_options"));
  const includeUsage = r.optional(options?.include_usage, (v) =>
    r.boolean(v, "stream_options.include_usage"),
  );
  if (stream && includeUsage !== undefined) ir.streamUsage = includeUsage;
  // safety_identifier replaces the deprecated `user`; both name the end user.
  const user = r.optional(b.user ?? b.safety_identifier, (v) => r.string(v, "user"));
  if (user !== undefined) ir.user = user;
  for (const key of DROPPED) {
    if (b[key] !== undefined && b[key] !== null && b[key] !== false)
      warnings.push(`${key} is not supported by the gateway; dropped`);
  }
  return { request: ir, warnings, unmodeled };
}

/**
 * A client's Chat Completions body → IR, strictly: as {@link decodeOpenAIRequestWithWarnings}, but the
 * first valid feature the IR cannot carry (n > 1, audio, custom tools, the legacy `functions` format)
 * is refused with a 400 `unsupported_parameter` naming it.
 * @see https://platform.openai.com/docs/api-reference/chat/create
 *
 * @example
 * const ir = decodeOpenAIRequest({ model: "gpt-4o", messages: [{ role: "user", content: "Hi" }] });
 */
export function decodeOpenAIRequest(body: unknown): IrChatRequest {
  const decoded = decodeOpenAIRequestWithWarnings(body);
  refuseUnmodeled(decoded.unmodeled, (f) => `'${f.param}' ${f.reason}`);
  return decoded.request;
}

import type { IrChatRequest, IrReasoningConfig, IrResponseFormat, IrToolChoice } from "../ir/chat-request.js";
import { type EncodeOpenAIMessagesOptions, encodeOpenAIMessages } from "./encode-openai-messages.js";
import type {
  OpenAIChatRequest,
  OpenAIReasoningEffort,
  OpenAIResponseFormat,
  OpenAIToolChoice,
} from "./openai-chat-types.js";

/** How to speak to one OpenAI-compatible upstream; the defaults are OpenAI's own API. */
export interface EncodeOpenAIRequestOptions extends EncodeOpenAIMessagesOptions {
  /**
   * Which field carries IR maxTokens. OpenAI deprecated `max_tokens` (o-series models refuse it) in favour
   * of `max_completion_tokens`; many compatible servers only know `max_tokens`. Either is sent without warning.
   */
  maxTokensField?: "max_completion_tokens" | "max_tokens";
  /** The upstream accepts `top_k` (vLLM, OpenRouter, Together); otherwise top_k is dropped with a warning. */
  acceptsTopK?: boolean;
  /** Ask for the usage chunk in streams (default true: metering needs it); off for servers that refuse stream_options. */
  streamUsage?: boolean;
}

/** Result of {@link encodeOpenAIRequest}. */
export interface EncodedOpenAIRequest {
  body: OpenAIChatRequest;
  warnings: string[];
}

/**
 * A thinking budget as an effort level, for callers that set a budget (Anthropic, Gemini 2.5). The cut
 * points follow the budgets those providers document as small, default and large.
 */
function effortOf(reasoning: IrReasoningConfig): OpenAIReasoningEffort | undefined {
  if (!reasoning.enabled) return undefined;
  if (reasoning.effort !== undefined) return reasoning.effort;
  if (reasoning.budgetTokens === undefined) return undefined;
  if (reasoning.budgetTokens < 4096) return "low";
  if (reasoning.budgetTokens < 16384) return "medium";
  return "high";
}

function encodeToolChoice(choice: IrToolChoice): OpenAIToolChoice {
  return choice.type === "tool" ? { type: "function", function: { name: choice.name } } : choice.type;
}

function encodeResponseFormat(format: IrResponseFormat): OpenAIResponseFormat {
  if (format.type !== "json_schema") return { type: format.type };
  const { name, schema, strict, description } = format;
  return {
    type: "json_schema",
    json_schema: {
      name,
      schema,
      ...(strict === undefined ? {} : { strict }),
      ...(description === undefined ? {} : { description }),
    },
  };
}

function encodeTools(ir: IrChatRequest, body: OpenAIChatRequest): void {
  // OpenAI refuses tool_choice and parallel_tool_calls without tools, so they travel only with tools.
  if (ir.tools === undefined || ir.tools.length === 0) return;
  body.tools = ir.tools.map((t) => ({
    type: "function",
    function: {
      name: t.name,
      ...(t.description === undefined ? {} : { description: t.description }),
      parameters: t.parameters,
      ...(t.strict === undefined ? {} : { strict: t.strict }),
    },
  }));
  if (ir.toolChoice !== undefined) body.tool_choice = encodeToolChoice(ir.toolChoice);
  if (ir.parallelToolCalls !== undefined) body.parallel_tool_calls = ir.parallelToolCalls;
}

function encodeSampling(
  ir: IrChatRequest,
  body: OpenAIChatRequest,
  options: EncodeOpenAIRequestOptions,
): string[] {
  const warnings: string[] = [];
  if (ir.maxTokens !== undefined) body[options.maxTokensField ?? "max_completion_tokens"] = ir.maxTokens;
  if (ir.temperature !== undefined) body.temperature = ir.temperature;
  if (ir.topP !== undefined) body.top_p = ir.topP;
  if (ir.topK !== undefined) {
    if (options.acceptsTopK) body.top_k = ir.topK;
    else warnings.push("top_k is not supported by openai; dropped");
  }
  if (ir.stop !== undefined && ir.stop.length > 0) body.stop = ir.stop;
  if (ir.seed !== undefined) body.seed = ir.seed;
  if (ir.presencePenalty !== undefined) body.presence_penalty = ir.presencePenalty;
  if (ir.frequencyPenalty !== undefined) body.frequency_penalty = ir.frequencyPenalty;
  return warnings;
}

/**
 * IR → the body of POST /v1/chat/completions for OpenAI or a compatible upstream. Parameters the format
 * cannot express are dropped with a warning. A stream always asks for the usage chunk (metering needs it,
 * whatever the client asked). Reasoning: an effort is sent as `reasoning_effort`, a budget as the nearest
 * effort; "disabled" sends nothing, since only recent models know `reasoning_effort: "none"`.
 * @see https://platform.openai.com/docs/api-reference/chat/create
 *
 * @example
 * const { body, warnings } = encodeOpenAIRequest(ir, "gpt-4o-2024-08-06");
 */
export function encodeOpenAIRequest(
  ir: IrChatRequest,
  upstreamModel: string,
  options: EncodeOpenAIRequestOptions = {},
): EncodedOpenAIRequest {
  const warnings: string[] = [];
  const body: OpenAIChatRequest = {
    model: upstreamModel,
    messages: encodeOpenAIMessages(ir, options, warnings),
  };
  encodeTools(ir, body);
  warnings.push(...encodeSampling(ir, body, options));
  if (ir.responseFormat !== undefined) body.response_format = encodeResponseFormat(ir.responseFormat);
  const effort = ir.reasoning === undefined ? undefined : effortOf(ir.reasoning);
  if (effort !== undefined) body.reasoning_effort = effort;
  if (ir.user !== undefined) body.user = ir.user;
  if (ir.stream) {
    body.stream = true;
    if (options.streamUsage ?? true) body.stream_options = { include_usage: true };
  }
  return { body, warnings: [...new Set(warnings)] };
}

import type { IrChatRequest, IrReasoningConfig } from "../ir/chat-request.js";
import type { IrTextPart } from "../ir/content.js";
import type { AnthropicRequestBody, AnthropicTextBlock } from "./anthropic-wire-types.js";
import {
  type AnthropicJsonMode,
  anthropicJsonToolName,
  encodeAnthropicJsonOutput,
} from "./encode-anthropic-json-output.js";
import { encodeAnthropicMessages } from "./encode-anthropic-messages.js";
import { encodeAnthropicCacheControl } from "./encode-anthropic-part.js";
import {
  DEFAULT_ANTHROPIC_EFFORT_BUDGETS,
  encodeAnthropicThinking,
  type ReasoningEffort,
} from "./encode-anthropic-thinking.js";
import { encodeAnthropicTools } from "./encode-anthropic-tools.js";

/** max_tokens sent when the IR has none (Anthropic requires it). */
export const DEFAULT_ANTHROPIC_MAX_TOKENS = 4096;

export interface AnthropicRequestEncodeOptions {
  /** max_tokens when the IR sets none; default 4096. */
  defaultMaxTokens?: number;
  /** How JSON output is requested; default "native" (structured outputs). See AnthropicJsonMode. */
  jsonMode?: AnthropicJsonMode;
  /** Overrides of the effort → thinking budget table (DEFAULT_ANTHROPIC_EFFORT_BUDGETS). */
  effortBudgets?: Partial<Record<ReasoningEffort, number>>;
}

export interface EncodedAnthropicRequest {
  body: AnthropicRequestBody;
  /** Parameters that were dropped or changed, one sentence each. */
  warnings: string[];
  /** Set when JSON output is emulated with a forced tool: pass it to the response/stream decoder. */
  jsonToolName?: string;
}

/**
 * IR request → the body of POST /v1/messages for `upstreamModel`. Parameters Anthropic cannot take
 * (seed, presence/frequency penalties, image detail, sampling settings thinking forbids) are dropped
 * with a warning; max_tokens defaults to `defaultMaxTokens` (4096).
 * @see https://docs.anthropic.com/en/api/messages
 *
 * @example
 * const { body, warnings } = encodeAnthropicRequest(ir, "claude-sonnet-4-5");
 */
export function encodeAnthropicRequest(
  ir: IrChatRequest,
  upstreamModel: string,
  options: AnthropicRequestEncodeOptions = {},
): EncodedAnthropicRequest {
  const warnings: string[] = [];
  const defaultMax = options.defaultMaxTokens ?? DEFAULT_ANTHROPIC_MAX_TOKENS;
  const jsonMode = options.jsonMode ?? "native";
  const messages = encodeAnthropicMessages(ir.messages, warnings);
  const tools = encodeAnthropicTools(ir, warnings);
  const json = encodeAnthropicJsonOutput(ir, jsonMode);
  if (json.tool !== undefined) {
    if (ir.toolChoice !== undefined && ir.toolChoice.type !== "auto") {
      warnings.push("tool_choice is replaced by the forced tool that emulates JSON output on anthropic");
    }
    tools.tools = [...(tools.tools ?? []), json.tool];
    tools.tool_choice = json.tool_choice;
  }
  const forced = tools.tool_choice?.type === "any" || tools.tool_choice?.type === "tool";
  let reasoning: IrReasoningConfig | undefined = ir.reasoning;
  if (reasoning?.enabled === true && forced) {
    warnings.push("thinking is not compatible with a forced tool choice on anthropic; thinking dropped");
    reasoning = undefined;
  }
  const thinking = encodeAnthropicThinking(
    {
      reasoning,
      maxTokens: ir.maxTokens ?? defaultMax,
      maxTokensFromClient: ir.maxTokens !== undefined,
      answerTokens: defaultMax,
      budgets: { ...DEFAULT_ANTHROPIC_EFFORT_BUDGETS, ...options.effortBudgets },
    },
    warnings,
  );
  const body: AnthropicRequestBody = { model: upstreamModel, max_tokens: thinking.maxTokens, messages };
  if (ir.system !== undefined && ir.system.length > 0) body.system = encodeSystem(ir.system);
  if (tools.tools !== undefined) body.tools = tools.tools;
  if (tools.tool_choice !== undefined) body.tool_choice = tools.tool_choice;
  encodeSampling(ir, body, thinking.thinking?.type === "enabled", warnings);
  if (ir.user !== undefined) body.metadata = { user_id: ir.user };
  if (thinking.thinking !== undefined) body.thinking = thinking.thinking;
  if (json.output_config !== undefined) body.output_config = json.output_config;
  if (ir.stream) body.stream = true;
  if (ir.seed !== undefined) warnings.push("seed is not supported by anthropic; dropped");
  if (ir.presencePenalty !== undefined)
    warnings.push("presence_penalty is not supported by anthropic; dropped");
  if (ir.frequencyPenalty !== undefined)
    warnings.push("frequency_penalty is not supported by anthropic; dropped");
  const out: EncodedAnthropicRequest = { body, warnings: [...new Set(warnings)] };
  const jsonToolName = anthropicJsonToolName(ir, jsonMode);
  if (jsonToolName !== undefined) out.jsonToolName = jsonToolName;
  return out;
}

/** One plain part uses the string form; several parts or cache hints keep the blocks. */
function encodeSystem(parts: IrTextPart[]): string | AnthropicTextBlock[] {
  const [only] = parts;
  if (parts.length === 1 && only !== undefined && only.cacheControl === undefined) return only.text;
  return parts.map((p) => {
    const block: AnthropicTextBlock = { type: "text", text: p.text };
    if (p.cacheControl !== undefined) block.cache_control = encodeAnthropicCacheControl(p.cacheControl);
    return block;
  });
}

/**
 * temperature (Anthropic's range is 0–1, OpenAI's 0–2: clamped), top_p, top_k, stop sequences.
 * With thinking on, Anthropic rejects temperature ≠ 1, any top_k and top_p below 0.95: they are dropped.
 * @see https://docs.anthropic.com/en/docs/build-with-claude/extended-thinking#feature-compatibility
 */
function encodeSampling(
  ir: IrChatRequest,
  body: AnthropicRequestBody,
  thinking: boolean,
  warnings: string[],
): void {
  if (ir.temperature !== undefined) {
    if (thinking && ir.temperature !== 1)
      warnings.push("temperature is not compatible with thinking on anthropic; dropped");
    else if (ir.temperature > 1) {
      warnings.push(`temperature ${ir.temperature} is above anthropic's maximum; clamped to 1`);
      body.temperature = 1;
    } else body.temperature = ir.temperature;
  }
  if (ir.topP !== undefined) {
    if (thinking && ir.topP < 0.95)
      warnings.push("top_p below 0.95 is not compatible with thinking on anthropic; dropped");
    else body.top_p = ir.topP;
  }
  if (ir.topK !== undefined) {
    if (thinking) warnings.push("top_k is not compatible with thinking on anthropic; dropped");
    else body.top_k = ir.topK;
  }
  if (ir.stop !== undefined && ir.stop.length > 0) body.stop_sequences = ir.stop;
}

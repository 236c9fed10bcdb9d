import type { IrReasoningConfig } from "../ir/chat-request.js";
import type { AnthropicThinkingConfig } from "./anthropic-wire-types.js";

export type ReasoningEffort = NonNullable<IrReasoningConfig["effort"]>;

/** Anthropic's smallest accepted `budget_tokens`. */
export const ANTHROPIC_MIN_THINKING_BUDGET = 1024;

/**
 * Thinking budgets for IR effort levels. Anthropic takes a token budget (≥ 1024, < max_tokens), not an
 * effort word; these follow the budgets Anthropic's extended-thinking guide suggests starting from
 * (the 1,024 minimum, then larger budgets for harder tasks).
 */
export const DEFAULT_ANTHROPIC_EFFORT_BUDGETS: Readonly<Record<ReasoningEffort, number>> = {
  minimal: 1024,
  low: 1024,
  medium: 4096,
  high: 16384,
};

export interface AnthropicThinkingInput {
  reasoning: IrReasoningConfig | undefined;
  /** max_tokens as it stands (the client's, or the default). */
  maxTokens: number;
  /** Whether the client set max_tokens; if not, it may be raised to make room for the budget. */
  maxTokensFromClient: boolean;
  /** Room left for the answer when max_tokens is raised above the budget. */
  answerTokens: number;
  budgets: Readonly<Record<ReasoningEffort, number>>;
}

export interface EncodedAnthropicThinking {
  thinking?: AnthropicThinkingConfig;
  maxTokens: number;
}

/**
 * IR reasoning → Anthropic `thinking`. Disabled → `{type:"disabled"}`. Enabled → `{type:"enabled",
 * budget_tokens}` from budgetTokens, else from the effort (medium when neither is given), raised to
 * 1024. Anthropic requires budget < max_tokens: when the client did not set max_tokens it is raised to
 * budget + answerTokens; when it did, the budget is cut to max_tokens - 1 (thinking counts toward
 * max_tokens, as reasoning counts toward OpenAI's max_completion_tokens), or thinking is dropped if
 * max_tokens leaves no room for the 1024 minimum.
 * @see https://docs.anthropic.com/en/docs/build-with-claude/extended-thinking
 *
 * @example
 * encodeAnthropicThinking({ reasoning: { enabled: true, effort: "high" }, maxTokens: 4096,
 *   maxTokensFromClient: false, answerTokens: 4096, budgets: DEFAULT_ANTHROPIC_EFFORT_BUDGETS }, []);
 * // { thinking: { type: "enabled", budget_tokens: 16384 }, maxTokens: 20480 }
 */
export function encodeAnthropicThinking(
  input: AnthropicThinkingInput,
  warnings: string[],
): EncodedAnthropicThinking {
  const { reasoning, maxTokens } = input;
  if (reasoning === undefined) return { maxTokens };
  if (!reasoning.enabled) return { thinking: { type: "disabled" }, maxTokens };
  let budget = reasoning.budgetTokens ?? input.budgets[reasoning.effort ?? "medium"];
  if (budget < ANTHROPIC_MIN_THINKING_BUDGET) {
    warnings.push(
      `thinking budget ${budget} is below anthropic's minimum; raised to ${ANTHROPIC_MIN_THINKING_BUDGET}`,
    );
    budget = ANTHROPIC_MIN_THINKING_BUDGET;
  }
  if (budget < maxTokens) return { thinking: { type: "enabled", budget_tokens: budget }, maxTokens };
  if (!input.maxTokensFromClient) {
    return { thinking: { type: "enabled", budget_tokens: budget }, maxTokens: budget + input.answerTokens };
  }
  if (maxTokens - 1 >= ANTHROPIC_MIN_THINKING_BUDGET) {
    warnings.push(`thinking budget ${budget} must be below max_tokens ${maxTokens}; cut to ${maxTokens - 1}`);
    return { thinking: { type: "enabled", budget_tokens: maxTokens - 1 }, maxTokens };
  }
  warnings.push(
    `max_tokens ${maxTokens} leaves no room for anthropic's minimum thinking budget; thinking dropped`,
  );
  return { maxTokens };
}

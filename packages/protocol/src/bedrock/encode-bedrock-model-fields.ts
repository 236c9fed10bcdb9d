import type { IrChatRequest } from "../ir/chat-request.js";

/** Thinking budgets for an effort level, for models that only take a budget (Anthropic's minimum is 1024). */
const EFFORT_BUDGET = { minimal: 1024, low: 2048, medium: 8192, high: 24576 } as const;

function reasoningFields(ir: IrChatRequest, model: string, warnings: string[]): Record<string, unknown> {
  const r = ir.reasoning;
  if (r === undefined) return {};
  if (model.includes("anthropic.")) {
    if (!r.enabled) return {};
    const budget = r.budgetTokens ?? EFFORT_BUDGET[r.effort ?? "medium"];
    return { thinking: { type: "enabled", budget_tokens: budget } };
  }
  if (model.includes("openai.") && r.effort !== undefined) {
    return { reasoning_effort: r.effort === "minimal" ? "low" : r.effort };
  }
  if (r.enabled) warnings.push(`reasoning settings are not supported by bedrock model ${model}; dropped`);
  return {};
}

/**
 * The model-specific part of a Converse request (`additionalModelRequestFields`), which Converse's own
 * inferenceConfig cannot carry: top_k (Anthropic, Mistral, ... as `top_k`; Amazon Nova as
 * `inferenceConfig.topK`) and reasoning (Anthropic `thinking` with a token budget, OpenAI open-weight
 * `reasoning_effort`). Reasoning for other model families is dropped with a warning.
 * @see https://docs.aws.amazon.com/bedrock/latest/userguide/conversation-inference-call.html
 * @see https://docs.aws.amazon.com/bedrock/latest/userguide/claude-messages-extended-thinking.html
 */
export function encodeBedrockModelFields(
  ir: IrChatRequest,
  model: string,
  warnings: string[],
): Record<string, unknown> | undefined {
  const fields: Record<string, unknown> = reasoningFields(ir, model, warnings);
  if (ir.topK !== undefined) {
    if (model.includes("amazon.nova")) fields.inferenceConfig = { topK: ir.topK };
    else fields.top_k = ir.topK;
  }
  return Object.keys(fields).length > 0 ? fields : undefined;
}

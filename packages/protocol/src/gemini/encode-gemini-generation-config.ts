import type { IrChatRequest, IrReasoningConfig } from "../ir/chat-request.js";
import { geminiModelGeneration } from "./gemini-model-generation.js";
import type {
  GeminiGenerationConfig,
  GeminiThinkingConfig,
  GeminiThinkingLevel,
} from "./gemini-wire-types.js";

/** Budgets for an effort level on models that only take a budget (Gemini 2.x). */
const EFFORT_BUDGET = { minimal: 512, low: 1024, medium: 8192, high: 24576 } as const;

/**
 * IR reasoning → `thinkingConfig`. A budget is sent as `thinkingBudget` (accepted by 2.5 and 3); an effort
 * is `thinkingLevel` on Gemini 3 and later, a budget from a table on older models (Gemini refuses both in
 * one request). Turning thinking off is a budget of 0, which Gemini 3 refuses: there the lowest level is
 * sent instead, with a warning. Thoughts are included when reasoning is on unless the request says otherwise.
 * @see https://ai.google.dev/gemini-api/docs/thinking
 */
function encodeThinking(
  r: IrReasoningConfig,
  model: string,
  warnings: string[],
): GeminiThinkingConfig | undefined {
  const generation = geminiModelGeneration(model);
  const levels = generation === undefined || generation >= 3;
  const tc: GeminiThinkingConfig = {};
  if (!r.enabled) {
    if (levels) {
      warnings.push("reasoning cannot be disabled on gemini 3 models; thinkingLevel LOW sent instead");
      tc.thinkingLevel = "LOW";
    } else tc.thinkingBudget = 0;
  } else if (r.budgetTokens !== undefined) tc.thinkingBudget = r.budgetTokens;
  else if (r.effort !== undefined) {
    if (levels) tc.thinkingLevel = r.effort.toUpperCase() as GeminiThinkingLevel;
    else tc.thinkingBudget = EFFORT_BUDGET[r.effort];
  }
  // Gemini hides thoughts unless asked, where Anthropic, Bedrock and Ollama return them whenever thinking is
  // on: a request that turns reasoning on without saying whether to show it gets them shown, as there.
  const include = r.includeThoughts ?? (r.enabled ? true : undefined);
  if (include !== undefined) tc.includeThoughts = include;
  return Object.keys(tc).length > 0 ? tc : undefined;
}

/**
 * IR sampling, length, output-format and reasoning fields → Gemini `generationConfig`. JSON schemas go
 * as `responseJsonSchema` (plain JSON Schema) with `responseMimeType: application/json`.
 * @see https://ai.google.dev/api/generate-content#generationconfig
 */
export function encodeGeminiGenerationConfig(
  ir: IrChatRequest,
  model: string,
  warnings: string[],
): GeminiGenerationConfig | undefined {
  const c: GeminiGenerationConfig = {};
  if (ir.temperature !== undefined) c.temperature = ir.temperature;
  if (ir.topP !== undefined) c.topP = ir.topP;
  if (ir.topK !== undefined) c.topK = ir.topK;
  if (ir.maxTokens !== undefined) c.maxOutputTokens = ir.maxTokens;
  if (ir.stop !== undefined && ir.stop.length > 0) c.stopSequences = ir.stop;
  if (ir.seed !== undefined) c.seed = ir.seed;
  if (ir.presencePenalty !== undefined) c.presencePenalty = ir.presencePenalty;
  if (ir.frequencyPenalty !== undefined) c.frequencyPenalty = ir.frequencyPenalty;
  const format = ir.responseFormat;
  if (format?.type === "json_object") c.responseMimeType = "application/json";
  else if (format?.type === "json_schema") {
    c.responseMimeType = "application/json";
    c.responseJsonSchema = format.schema;
  }
  const thinking = ir.reasoning ? encodeThinking(ir.reasoning, model, warnings) : undefined;
  if (thinking !== undefined) c.thinkingConfig = thinking;
  return Object.keys(c).length > 0 ? c : undefined;
}

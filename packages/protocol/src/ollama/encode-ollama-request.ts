import type { IrChatRequest, IrReasoningConfig } from "../ir/chat-request.js";
import { encodeOllamaMessages } from "./encode-ollama-messages.js";
import type { OllamaChatRequest, OllamaOptions } from "./ollama-chat-types.js";

/** Result of {@link encodeOllamaRequest}. */
export interface EncodedOllamaRequest {
  body: OllamaChatRequest;
  warnings: string[];
}

/** IR reasoning → `think`: off, on, or an effort level (minimal reads as low, Ollama's lowest). */
function encodeThink(reasoning: IrReasoningConfig): OllamaChatRequest["think"] {
  if (!reasoning.enabled) return false;
  if (reasoning.effort === undefined) return true;
  return reasoning.effort === "minimal" ? "low" : reasoning.effort;
}

/** @see https://github.com/ollama/ollama/blob/main/docs/modelfile.md#valid-parameters-and-values */
function encodeOptions(ir: IrChatRequest): OllamaOptions | undefined {
  const options: OllamaOptions = {};
  if (ir.temperature !== undefined) options.temperature = ir.temperature;
  if (ir.topP !== undefined) options.top_p = ir.topP;
  if (ir.topK !== undefined) options.top_k = ir.topK;
  if (ir.seed !== undefined) options.seed = ir.seed;
  if (ir.stop !== undefined && ir.stop.length > 0) options.stop = ir.stop;
  if (ir.maxTokens !== undefined) options.num_predict = ir.maxTokens;
  if (ir.presencePenalty !== undefined) options.presence_penalty = ir.presencePenalty;
  if (ir.frequencyPenalty !== undefined) options.frequency_penalty = ir.frequencyPenalty;
  return Object.keys(options).length === 0 ? undefined : options;
}

/**
 * Ollama has no tool_choice: "none" is kept by sending no tools, "auto" is its default, and forcing a
 * call cannot be expressed (warning).
 */
function encodeTools(ir: IrChatRequest, body: OllamaChatRequest, warnings: string[]): void {
  if (ir.tools === undefined || ir.tools.length === 0 || ir.toolChoice?.type === "none") return;
  body.tools = ir.tools.map((t) => ({
    type: "function",
    function: {
      name: t.name,
      ...(t.description === undefined ? {} : { description: t.description }),
      parameters: t.parameters,
    },
  }));
  if (ir.toolChoice?.type === "required" || ir.toolChoice?.type === "tool") {
    warnings.push("tool_choice is not supported by ollama; dropped");
  }
  if (ir.parallelToolCalls === false)
    warnings.push("parallel_tool_calls is not supported by ollama; dropped");
}

/**
 * IR → the body of POST /api/chat. Sampling parameters go in `options` (max tokens as num_predict), JSON
 * mode and JSON schema in `format`, reasoning in `think`. Images must be base64: URL images are dropped
 * with a warning, so the caller should fetch them before encoding.
 * @see https://github.com/ollama/ollama/blob/main/docs/api.md#generate-a-chat-completion
 *
 * @example
 * const { body, warnings } = encodeOllamaRequest(ir, "llama3.2");
 */
export function encodeOllamaRequest(ir: IrChatRequest, upstreamModel: string): EncodedOllamaRequest {
  const warnings: string[] = [];
  const body: OllamaChatRequest = {
    model: upstreamModel,
    messages: encodeOllamaMessages(ir, warnings),
    stream: ir.stream,
  };
  encodeTools(ir, body, warnings);
  const options = encodeOptions(ir);
  if (options !== undefined) body.options = options;
  if (ir.responseFormat?.type === "json_object") body.format = "json";
  if (ir.responseFormat?.type === "json_schema") body.format = ir.responseFormat.schema;
  if (ir.reasoning !== undefined) body.think = encodeThink(ir.reasoning);
  return { body, warnings: [...new Set(warnings)] };
}

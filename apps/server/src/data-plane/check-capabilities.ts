import { GatewayError, type IrChatRequest, type IrMessage } from "@gatehouse/protocol";
import type { Model, ModelCapabilities } from "../domain/model.js";

/**
 * What a request asks of its model, as {@link checkCapabilities} reports it. `long_context` means the
 * prompt estimate is over the model's context window and the model names a context fallback: the
 * request is not refused, and routing may go straight to the fallback.
 */
export type RequestedFeature = "tools" | "vision" | "json" | "reasoning" | "long_context";

/**
 * Refuses, before any upstream call, a chat request its routed model is configured not to serve — rather
 * than paying for an upstream round trip that ends in the upstream's own 400, or in a silently degraded
 * answer. Only explicit settings refuse: a capability absent from the model is unknown, so allowed, and
 * a null contextWindow or maxOutputTokens checks nothing.
 *
 * Throws `unsupported_parameter` (400, naming the parameter) when the request uses tools, images, JSON
 * output or reasoning and the capability is `false`, or asks for more output tokens than
 * maxOutputTokens; throws `context_length_exceeded` (400) when `promptTokensEstimate` is over
 * contextWindow and the model has no contextFallbackModel.
 *
 * @param promptTokensEstimate the prompt's token estimate (estimateTokens(promptCharsOf(ir)))
 * @param maxTokensParam how the client's protocol names the output limit it set, for the error
 * @returns the features the request uses, for routing and logs (see {@link RequestedFeature})
 * @example
 * checkCapabilities(ir, ctx.route!.model, estimateTokens(promptCharsOf(ir))); // ["tools"]
 */
export function checkCapabilities(
  ir: IrChatRequest,
  model: Model,
  promptTokensEstimate: number,
  maxTokensParam = "max_tokens",
): string[] {
  const used: RequestedFeature[] = [];
  if (ir.tools !== undefined && ir.tools.length > 0) {
    requireCapability(model, "tools", "tools");
    used.push("tools");
  }
  if (hasImage(ir.messages)) {
    requireCapability(model, "vision", "messages");
    used.push("vision");
  }
  const format = ir.responseFormat?.type;
  if (format === "json_object" || format === "json_schema") {
    requireCapability(model, "json", "response_format");
    used.push("json");
  }
  if (ir.reasoning?.enabled === true) {
    requireCapability(model, "reasoning", "reasoning");
    used.push("reasoning");
  }
  checkMaxOutput(model, ir.maxTokens, maxTokensParam);
  if (checkContextWindow(model, promptTokensEstimate)) used.push("long_context");
  return used;
}

const WHAT: Readonly<Record<keyof ModelCapabilities, string>> = Object.freeze({
  tools: "tools (function calling)",
  vision: "images",
  json: "JSON output (response_format)",
  reasoning: "reasoning",
});

/**
 * Throws `unsupported_parameter` naming `param` when the model's capability is `false`.
 *
 * @example
 * requireCapability(model, "tools", "tools");
 */
export function requireCapability(model: Model, capability: keyof ModelCapabilities, param: string): void {
  if (model.capabilities[capability] !== false) return;
  throw new GatewayError(
    "unsupported_parameter",
    `The model '${model.name}' does not support ${WHAT[capability]}; remove '${param}' or use another model.`,
    { param },
  );
}

/**
 * Throws `unsupported_parameter` naming `param` when `maxTokens` is over the model's maxOutputTokens.
 *
 * @example
 * checkMaxOutput(model, body.max_completion_tokens, "max_completion_tokens");
 */
export function checkMaxOutput(model: Model, maxTokens: number | undefined, param: string): void {
  if (model.maxOutputTokens === null || maxTokens === undefined || maxTokens <= model.maxOutputTokens) return;
  throw new GatewayError(
    "unsupported_parameter",
    `${param} ${maxTokens} is over the maximum output of the model '${model.name}' (${model.maxOutputTokens} tokens).`,
    { param },
  );
}

/**
 * Whether the prompt fits the model's context window. Over it: `context_length_exceeded` — unless the
 * model names a context fallback, which may fit it; then true ("route to the fallback").
 *
 * @example
 * if (checkContextWindow(model, estimateTokens(promptChars(body.messages)))) preferContextFallback();
 */
export function checkContextWindow(model: Model, promptTokensEstimate: number): boolean {
  if (model.contextWindow === null || promptTokensEstimate <= model.contextWindow) return false;
  if (model.contextFallbackModel !== null) return true;
  throw new GatewayError(
    "context_length_exceeded",
    `The request is about ${promptTokensEstimate} tokens, over the context window of the model '${model.name}' (${model.contextWindow} tokens); shorten the messages or use a model with a larger window.`,
    { param: "messages" },
  );
}

function hasImage(messages: IrMessage[]): boolean {
  for (const m of messages) {
    for (const p of m.content) {
      if (p.type === "image") return true;
      if (p.type === "tool_result" && p.content.some((c) => c.type === "image")) return true;
    }
  }
  return false;
}

import { estimateTokens, promptChars } from "../../metering/estimate-tokens.js";
import type { Model } from "../../store/store-types.js";
import { checkContextWindow, checkMaxOutput, requireCapability } from "../check-capabilities.js";

/**
 * The capability checks of the OpenAI passthrough path, where the body is not decoded into the IR: only
 * what top-level fields tell — tools (and the legacy `functions`), response_format, reasoning_effort,
 * max_completion_tokens (or the legacy max_tokens) against maxOutputTokens — and the context estimate
 * from the messages' text. Images are looked for only when the model refuses them, and the estimate made
 * only when the model has a context window, so a model without settings costs nothing here. Values of a
 * wrong type are left to the upstream, which answers them in its own words.
 * Errors and return value as checkCapabilities.
 * @see https://platform.openai.com/docs/api-reference/chat/create
 *
 * @example
 * checkOpenAIChatBody(body, ctx.route!.model);
 */
export function checkOpenAIChatBody(body: Record<string, unknown>, model: Model): string[] {
  const used: string[] = [];
  if (isNonEmptyArray(body.tools) || isNonEmptyArray(body.functions)) {
    requireCapability(model, "tools", isNonEmptyArray(body.tools) ? "tools" : "functions");
    used.push("tools");
  }
  const format = (body.response_format as { type?: unknown } | null | undefined)?.type;
  if (format === "json_object" || format === "json_schema") {
    requireCapability(model, "json", "response_format");
    used.push("json");
  }
  if (typeof body.reasoning_effort === "string" && body.reasoning_effort !== "none") {
    requireCapability(model, "reasoning", "reasoning_effort");
    used.push("reasoning");
  }
  if (model.capabilities.vision === false && hasImagePart(body.messages)) {
    requireCapability(model, "vision", "messages");
  }
  const maxParam = typeof body.max_completion_tokens === "number" ? "max_completion_tokens" : "max_tokens";
  const maxTokens = body[maxParam];
  if (typeof maxTokens === "number") checkMaxOutput(model, maxTokens, maxParam);
  if (model.contextWindow !== null && checkContextWindow(model, estimateTokens(promptChars(body.messages))))
    used.push("long_context");
  return used;
}

function isNonEmptyArray(value: unknown): boolean {
  return Array.isArray(value) && value.length > 0;
}

/** Whether a message has an `image_url` content part. */
function hasImagePart(messages: unknown): boolean {
  if (!Array.isArray(messages)) return false;
  for (const m of messages) {
    const content = (m as { content?: unknown } | null)?.content;
    if (!Array.isArray(content)) continue;
    for (const p of content) if ((p as { type?: unknown } | null)?.type === "image_url") return true;
  }
  return false;
}

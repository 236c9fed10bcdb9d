import { anthropicSurface } from "./anthropic/anthropic-surface.js";
import { geminiSurface } from "./gemini/gemini-surface.js";
import { openAISurface } from "./openai/openai-surface.js";
import { responsesSurface } from "./responses/responses-surface.js";
import type { ErrorRenderer } from "./surface-error.js";

/**
 * The error shape for a request path, for errors raised before a handler runs (body too large, no such
 * route): Anthropic's under /v1/messages, Gemini's under /v1beta, the Responses surface's under /v1/responses, OpenAI's elsewhere under /v1, and
 * `{"error":{"code","message"}}` for everything else.
 */
export function errorsForPath(url: string, headers: Record<string, unknown>): ErrorRenderer | undefined {
  if (url.startsWith("/v1/messages") || (url.startsWith("/v1/models") && headers["anthropic-version"]))
    return anthropicSurface.errors;
  if (url.startsWith("/v1beta/")) return geminiSurface.errors;
  if (url.startsWith("/v1/responses")) return responsesSurface.errors;
  if (url.startsWith("/v1/")) return openAISurface.errors;
  return undefined;
}

import type { SurfaceName } from "../routing/surface-client.js";

/**
 * The message of an error body in a surface's own shape, or undefined when the body is not JSON or not
 * in that shape: OpenAI `{"error":{"message","type"}}`, Anthropic `{"type":"error","error":{"type",
 * "message"}}`, Gemini `{"error":{"code","message","status"}}`.
 * @see https://platform.openai.com/docs/guides/error-codes
 * @see https://docs.anthropic.com/en/api/errors
 * @see https://ai.google.dev/gemini-api/docs/troubleshooting#error-codes
 *
 * @example
 * surfaceErrorMessage("anthropic", '{"type":"error","error":{"type":"invalid_request_error","message":"m"}}'); // "m"
 */
export function surfaceErrorMessage(surface: SurfaceName, body: string): string | undefined {
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch {
    return undefined;
  }
  if (typeof json !== "object" || json === null) return undefined;
  const { type, error } = json as { type?: unknown; error?: Record<string, unknown> };
  if (typeof error !== "object" || error === null || typeof error.message !== "string") return undefined;
  if (surface === "anthropic")
    return type === "error" && typeof error.type === "string" ? error.message : undefined;
  if (surface === "gemini")
    return typeof error.status === "string" && typeof error.code === "number" ? error.message : undefined;
  return typeof error.type === "string" ? error.message : undefined;
}

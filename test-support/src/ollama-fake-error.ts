import type { FakeErrorResponse } from "./fake-context.js";

/**
 * Ollama's error body `{"error":"<message>"}` with the given status.
 * @see https://github.com/ollama/ollama/blob/main/docs/api.md#errors
 *
 * @example
 * ollamaErrorResponse(404, 'model "x" not found, try pulling it first').body;
 * // '{"error":"model \"x\" not found, try pulling it first"}'
 */
export function ollamaErrorResponse(status: number, message?: string): FakeErrorResponse {
  return { status, body: JSON.stringify({ error: message ?? OLLAMA_MESSAGES[status] ?? `error ${status}` }) };
}

const OLLAMA_MESSAGES: Record<number, string> = {
  400: "invalid request",
  401: "unauthorized",
  403: "forbidden",
  404: "not found",
  429: "too many requests",
  500: "an error was encountered while running the model",
  503: "server busy, please try again.  maximum pending requests exceeded",
};

/**
 * Ollama's in-stream error: one more NDJSON line holding `{"error": ...}`, after which the stream ends.
 * @see https://github.com/ollama/ollama/blob/main/docs/api.md#errors
 */
export function encodeOllamaStreamError(): string {
  return `${JSON.stringify({ error: "an error was encountered while running the model: unexpected EOF" })}\n`;
}

import type { SurfaceName } from "../routing/surface-client.js";

/** The chat path of each client surface (Gemini's names its model, `m`, in the path). */
export const CHAT_PATHS: Record<SurfaceName, string> = {
  openai: "/v1/chat/completions",
  anthropic: "/v1/messages",
  gemini: "/v1beta/models/m:generateContent",
};

/**
 * The header a surface's SDK carries its key in: `Authorization: Bearer` (OpenAI), `x-api-key`
 * (Anthropic), `x-goog-api-key` (Gemini).
 * @see https://platform.openai.com/docs/api-reference/authentication
 * @see https://docs.anthropic.com/en/api/overview#authentication
 * @see https://ai.google.dev/api/generate-content (x-goog-api-key)
 */
export function keyHeader(surface: SurfaceName, key: string): Record<string, string> {
  if (surface === "openai") return { authorization: `Bearer ${key}` };
  if (surface === "anthropic") return { "x-api-key": key, "anthropic-version": "2023-06-01" };
  return { "x-goog-api-key": key };
}

/**
 * The bytes of a request head (request line and headers, ending with the blank line) as a raw socket
 * sends them, with `host` first.
 *
 * @example
 * requestHead("POST", "/v1/messages", { "content-length": "10" });
 * // "POST /v1/messages HTTP/1.1\r\nhost: 127.0.0.1\r\ncontent-length: 10\r\n\r\n"
 */
export function requestHead(method: string, path: string, headers: Record<string, string>): string {
  const lines = Object.entries({ host: "127.0.0.1", ...headers }).map(([k, v]) => `${k}: ${v}`);
  return `${method} ${path} HTTP/1.1\r\n${lines.join("\r\n")}\r\n\r\n`;
}

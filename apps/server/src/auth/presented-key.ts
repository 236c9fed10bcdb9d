import type { IncomingHttpHeaders } from "node:http";

/**
 * The gateway key a client presented, in any of the header styles of the surfaces Gatehouse speaks:
 * `Authorization: Bearer` (OpenAI, also accepted by Anthropic clients), `x-api-key` (Anthropic),
 * `x-goog-api-key` (Gemini). Query-string keys are read by the Gemini surface itself.
 */
export function presentedKey(headers: IncomingHttpHeaders): string | undefined {
  const auth = headers.authorization;
  if (auth !== undefined) {
    const space = auth.indexOf(" ");
    if (space > 0 && auth.slice(0, space).toLowerCase() === "bearer") return auth.slice(space + 1).trim();
    return auth.trim();
  }
  const x = headers["x-api-key"] ?? headers["x-goog-api-key"];
  return typeof x === "string" ? x.trim() : undefined;
}

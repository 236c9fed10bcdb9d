import type { IncomingHttpHeaders } from "node:http";

/**
 * The gateway key a client presented, in any of the header styles of the surfaces Gatehouse speaks:
 * `Authorization: Bearer` (OpenAI, also accepted by Anthropic clients), `x-api-key` (Anthropic),
 * `x-goog-api-key` (Gemini). Query-string keys are read by the Gemini surface itself. An empty value
 * (`Authorization: Bearer ` as some SDKs send when configured with the key in another header) does not
 * hide a key in the next style.
 */
export function presentedKey(headers: IncomingHttpHeaders): string | undefined {
  const auth = headers.authorization;
  if (auth !== undefined) {
    const space = auth.indexOf(" ");
    const bearer = space > 0 && auth.slice(0, space).toLowerCase() === "bearer";
    const key = (bearer ? auth.slice(space + 1) : auth).trim();
    if (key !== "") return key;
  }
  for (const name of ["x-api-key", "x-goog-api-key"] as const) {
    const x = headers[name];
    if (typeof x === "string" && x.trim() !== "") return x.trim();
  }
  return undefined;
}

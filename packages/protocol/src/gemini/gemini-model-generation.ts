/**
 * The major version of a Gemini model id (`gemini-2.5-flash` → 2, `gemini-3-pro-preview` → 3), or
 * undefined when the id names none (aliases such as `gemini-flash-latest`). Gemini 3 changed the thinking
 * controls (thinkingLevel) and requires thought signatures on function calls, so encoders need to know.
 * @see https://ai.google.dev/gemini-api/docs/models
 *
 * @example
 * geminiModelGeneration("models/gemini-2.5-pro"); // 2
 */
export function geminiModelGeneration(model: string): number | undefined {
  const match = /gemini-(\d+)(?:[.-]|$)/.exec(model);
  return match ? Number(match[1]) : undefined;
}

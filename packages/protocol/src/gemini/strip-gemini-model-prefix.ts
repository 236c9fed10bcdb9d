/**
 * A Gemini model id without its `models/` resource prefix (URL paths and `modelVersion` carry either form).
 * @see https://ai.google.dev/api/models#Model
 *
 * @example
 * stripGeminiModelPrefix("models/gemini-2.5-flash"); // "gemini-2.5-flash"
 */
export function stripGeminiModelPrefix(model: string): string {
  return model.startsWith("models/") ? model.slice("models/".length) : model;
}

import { GatewayError } from "@gatehouse/protocol";

/** The methods a Gemini model path may name. */
export type GeminiMethod =
  | "generateContent"
  | "streamGenerateContent"
  | "countTokens"
  | "embedContent"
  | "batchEmbedContents";

const METHODS: readonly GeminiMethod[] = [
  "generateContent",
  "streamGenerateContent",
  "countTokens",
  "embedContent",
  "batchEmbedContents",
];

const isGeminiMethod = (m: string): m is GeminiMethod => (METHODS as readonly string[]).includes(m);

/**
 * Splits the part of a Gemini path after `/v1beta/models/` into model and method:
 * `gemini-2.5-flash:generateContent` → { model: "gemini-2.5-flash", method: "generateContent" }.
 * The model may itself contain slashes (`openai/gpt-4o`), so the method is after the last colon.
 * @see https://ai.google.dev/api/generate-content#method:-models.generatecontent
 * @see https://ai.google.dev/api/embeddings#method:-models.embedcontent
 */
export function parseGeminiPath(rest: string): { model: string; method: GeminiMethod } {
  const path = safeDecode(rest.split("?")[0] ?? "");
  const colon = path.lastIndexOf(":");
  const model = colon > 0 ? path.slice(0, colon) : "";
  const method = colon > 0 ? path.slice(colon + 1) : "";
  if (model === "") throw new GatewayError("not_found", "Expected /v1beta/models/{model}:{method}.");
  if (!isGeminiMethod(method)) {
    throw new GatewayError("not_found", `Method '${method}' is not served; use ${METHODS.join(", ")}.`);
  }
  return { model, method };
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    throw new GatewayError("invalid_request", "The model path is not valid percent-encoding.");
  }
}

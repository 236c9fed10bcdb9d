import type { IrEmbeddingsRequest } from "../openai/ir-embeddings.js";
import { decodeGeminiEmbedContent } from "./decode-gemini-embed-content.js";
import { geminiField } from "./gemini-field-reader.js";
import { normalizeGeminiKeys } from "./normalize-gemini-keys.js";
import { stripGeminiModelPrefix } from "./strip-gemini-model-prefix.js";

/**
 * A Gemini `embedContent` body → IR embeddings request of one input; the model comes from the URL path.
 * `taskType` and `title` are dropped with a warning.
 * @see https://ai.google.dev/api/embeddings#method:-models.embedcontent
 *
 * @example
 * decodeGeminiEmbedContentRequest({ content: { parts: [{ text: "hi" }] } }, "gemini-embedding-001");
 * // { model: "gemini-embedding-001", input: ["hi"] }
 */
export function decodeGeminiEmbedContentRequest(
  body: unknown,
  model: string,
  warnings: string[] = [],
): IrEmbeddingsRequest {
  const b = geminiField.object(normalizeGeminiKeys(body), "body");
  const { text, dimensions } = decodeGeminiEmbedContent(b, "", warnings);
  const ir: IrEmbeddingsRequest = { model: stripGeminiModelPrefix(model), input: [text] };
  if (dimensions !== undefined) ir.dimensions = dimensions;
  return ir;
}

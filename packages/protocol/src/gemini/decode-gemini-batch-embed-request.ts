import type { IrEmbeddingsRequest } from "../openai/ir-embeddings.js";
import { decodeGeminiEmbedContent } from "./decode-gemini-embed-content.js";
import { geminiField } from "./gemini-field-reader.js";
import { normalizeGeminiKeys } from "./normalize-gemini-keys.js";
import { stripGeminiModelPrefix } from "./strip-gemini-model-prefix.js";

/**
 * A Gemini `batchEmbedContents` body → one IR embeddings request, inputs in order; the model comes from
 * the URL path. The IR has one `dimensions` for all inputs, so requests asking for different
 * `outputDimensionality` are refused.
 * @see https://ai.google.dev/api/embeddings#method:-models.batchembedcontents
 *
 * @example
 * decodeGeminiBatchEmbedRequest({ requests: [{ model: "models/m", content: { parts: [{ text: "a" }] } }] }, "m");
 */
export function decodeGeminiBatchEmbedRequest(
  body: unknown,
  model: string,
  warnings: string[] = [],
): IrEmbeddingsRequest {
  const b = geminiField.object(normalizeGeminiKeys(body), "body");
  const requests = geminiField.array(b.requests, "requests");
  if (requests.length === 0) throw geminiField.invalid("requests", "must not be empty");
  const decoded = requests.map((r, i) =>
    decodeGeminiEmbedContent(geminiField.object(r, `requests[${i}]`), `requests[${i}].`, warnings),
  );
  const dimensions = decoded[0]!.dimensions;
  decoded.forEach((d, i) => {
    if (d.dimensions !== dimensions) {
      throw geminiField.unsupported(
        `requests[${i}].outputDimensionality`,
        "must be the same for every request",
      );
    }
  });
  const ir: IrEmbeddingsRequest = { model: stripGeminiModelPrefix(model), input: decoded.map((d) => d.text) };
  if (dimensions !== undefined) ir.dimensions = dimensions;
  return ir;
}

import { geminiField, type JsonObject } from "./gemini-field-reader.js";

/** Fields of an EmbedContentRequest that tune Google's embedding models only. */
const DROPPED = ["taskType", "title"];

/**
 * One Gemini `EmbedContentRequest` (already key-normalized) at `param` → its text and requested
 * dimensions. Only text parts count (as Google says); several are joined with newlines.
 * @see https://ai.google.dev/api/embeddings#EmbedContentRequest
 */
export function decodeGeminiEmbedContent(
  request: JsonObject,
  param: string,
  warnings: string[],
): { text: string; dimensions?: number } {
  const content = geminiField.object(request.content, `${param}content`);
  const parts = geminiField.array(content.parts, `${param}content.parts`);
  if (parts.length === 0) throw geminiField.invalid(`${param}content.parts`, "must not be empty");
  const text = parts
    .map((p, i) =>
      geminiField.string(
        geminiField.object(p, `${param}content.parts[${i}]`).text,
        `${param}content.parts[${i}].text`,
      ),
    )
    .join("\n");
  const dimensions = geminiField.optionalNumber(
    request.outputDimensionality,
    `${param}outputDimensionality`,
    {
      integer: true,
      min: 1,
    },
  );
  for (const key of DROPPED) {
    if (request[key] !== undefined && request[key] !== null)
      warnings.push(`${param}${key} is not supported; dropped`);
  }
  return dimensions === undefined ? { text } : { text, dimensions };
}

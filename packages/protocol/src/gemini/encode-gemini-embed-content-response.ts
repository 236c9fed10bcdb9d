import type { IrEmbeddingsResponse } from "../openai/ir-embeddings.js";

/**
 * IR embeddings → Gemini's `embedContent` answer (one input, so one vector).
 * @see https://ai.google.dev/api/embeddings#response-body
 *
 * @example
 * encodeGeminiEmbedContentResponse({ model: "m", vectors: [[0.1, 0.2]], inputTokens: 2 });
 * // { embedding: { values: [0.1, 0.2] } }
 */
export function encodeGeminiEmbedContentResponse(ir: IrEmbeddingsResponse): {
  embedding: { values: number[] };
} {
  return { embedding: { values: ir.vectors[0] ?? [] } };
}

import type { IrEmbeddingsResponse } from "../openai/ir-embeddings.js";

/**
 * IR embeddings → Gemini's `batchEmbedContents` answer, vectors in input order.
 * @see https://ai.google.dev/api/embeddings#response-body_1
 *
 * @example
 * encodeGeminiBatchEmbedResponse({ model: "m", vectors: [[1], [2]], inputTokens: 2 });
 * // { embeddings: [{ values: [1] }, { values: [2] }] }
 */
export function encodeGeminiBatchEmbedResponse(ir: IrEmbeddingsResponse): {
  embeddings: Array<{ values: number[] }>;
} {
  return { embeddings: ir.vectors.map((values) => ({ values })) };
}

import type { IrEmbeddingsRequest } from "../openai/ir-embeddings.js";
import type { OllamaEmbedRequest } from "./ollama-embed-types.js";

/**
 * IR → the body of POST /api/embed. The client's encoding format is applied when answering, not here.
 * @see https://github.com/ollama/ollama/blob/main/docs/api.md#generate-embeddings
 *
 * @example
 * const { body } = encodeOllamaEmbedRequest(ir, "all-minilm");
 */
export function encodeOllamaEmbedRequest(
  ir: IrEmbeddingsRequest,
  upstreamModel: string,
): { body: OllamaEmbedRequest; warnings: string[] } {
  const body: OllamaEmbedRequest = { model: upstreamModel, input: ir.input };
  if (ir.dimensions !== undefined) body.dimensions = ir.dimensions;
  return { body, warnings: [] };
}

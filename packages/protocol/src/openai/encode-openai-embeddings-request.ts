import type { IrEmbeddingsRequest } from "./ir-embeddings.js";
import type { OpenAIEmbeddingsRequest } from "./openai-embeddings-types.js";

/**
 * IR → the body of POST /v1/embeddings for OpenAI or a compatible upstream. The client's encoding
 * format is passed on (the response decoder reads both); every field is expressible, so no warnings.
 * @see https://platform.openai.com/docs/api-reference/embeddings/create
 *
 * @example
 * const { body } = encodeOpenAIEmbeddingsRequest(ir, "text-embedding-3-small");
 */
export function encodeOpenAIEmbeddingsRequest(
  ir: IrEmbeddingsRequest,
  upstreamModel: string,
): { body: OpenAIEmbeddingsRequest; warnings: string[] } {
  const body: OpenAIEmbeddingsRequest = { model: upstreamModel, input: ir.input };
  if (ir.dimensions !== undefined) body.dimensions = ir.dimensions;
  if (ir.encodingFormat !== undefined) body.encoding_format = ir.encodingFormat;
  return { body, warnings: [] };
}

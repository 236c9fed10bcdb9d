import { encodeFloat32Base64 } from "./float32-base64.js";
import type { IrEmbeddingsResponse } from "./ir-embeddings.js";
import type { OpenAIEmbeddingsResponse } from "./openai-embeddings-types.js";

/**
 * IR → the embeddings answer a client receives, with `model` the public name it asked for and vectors as
 * numbers or, for `encodingFormat: "base64"`, base64 little-endian float32.
 * @see https://platform.openai.com/docs/api-reference/embeddings/object
 *
 * @example
 * reply.send(encodeOpenAIEmbeddingsResponse(ir, "my-embedder", request.encodingFormat));
 */
export function encodeOpenAIEmbeddingsResponse(
  ir: IrEmbeddingsResponse,
  model: string,
  encodingFormat: "float" | "base64" = "float",
): OpenAIEmbeddingsResponse {
  return {
    object: "list",
    data: ir.vectors.map((v, index) => ({
      object: "embedding",
      index,
      embedding: encodingFormat === "base64" ? encodeFloat32Base64(v) : v,
    })),
    model,
    usage: { prompt_tokens: ir.inputTokens, total_tokens: ir.inputTokens },
  };
}

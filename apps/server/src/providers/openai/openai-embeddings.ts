import { decodeOpenAIEmbeddingsResponse, encodeOpenAIEmbeddingsRequest } from "@gatehouse/protocol";
import type { EmbeddingsAdapter } from "../provider-adapter.js";
import { renameModel } from "../rename-model.js";

/**
 * Embeddings on OpenAI and compatible vendors: POST {base}/embeddings with Bearer auth. The answer's
 * `model` is replaced by the public name the client asked for.
 * @see https://platform.openai.com/docs/api-reference/embeddings/create
 */
export const openaiEmbeddings: EmbeddingsAdapter = {
  request(ir, upstreamModel, target) {
    const { body, warnings } = encodeOpenAIEmbeddingsRequest(ir, upstreamModel);
    return {
      path: `${target.basePath}/embeddings`,
      headers: target.headers,
      body: JSON.stringify(body),
      warnings,
    };
  },
  decodeResponse: (body, model) => ({ ...decodeOpenAIEmbeddingsResponse(body), model }),
  passthroughRequest(raw, upstreamModel, target) {
    return {
      path: `${target.basePath}/embeddings`,
      headers: target.headers,
      body: renameModel(raw, upstreamModel),
      warnings: [],
    };
  },
};

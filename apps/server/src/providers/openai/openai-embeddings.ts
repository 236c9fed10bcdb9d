import { decodeOpenAIEmbeddingsResponse, encodeOpenAIEmbeddingsRequest } from "@gatehouse/protocol";
import type { EmbeddingsAdapter } from "../provider-adapter.js";
import { renameModel } from "../rename-model.js";

/**
 * OpenAI's limit on inputs in one request: "any array must be 2048 dimensions or less" (and 300,000
 * tokens summed over all inputs, which a count cannot express).
 * @see https://platform.openai.com/docs/api-reference/embeddings/create#embeddings-create-input
 */
export const OPENAI_MAX_EMBEDDING_INPUTS = 2048;

/**
 * Embeddings on OpenAI and compatible vendors: POST {base}/embeddings with Bearer auth. The answer's
 * `model` is replaced by the public name the client asked for. Compatible vendors are held to OpenAI's
 * input limit, the one their clients are written for.
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
  maxInputsPerCall: () => OPENAI_MAX_EMBEDDING_INPUTS,
};

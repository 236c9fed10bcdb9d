import { decodeOllamaEmbedResponse, encodeOllamaEmbedRequest } from "@gatehouse/protocol";
import type { EmbeddingsAdapter } from "../provider-adapter.js";

/**
 * Embeddings on Ollama's native API: POST {base}/api/embed (a batch of inputs, optional `dimensions`;
 * `prompt_eval_count` reports the input tokens). No passthrough: no client speaks Ollama's format.
 * @see https://github.com/ollama/ollama/blob/main/docs/api.md#generate-embeddings
 */
export const ollamaEmbeddings: EmbeddingsAdapter = {
  request(ir, upstreamModel, target) {
    const { body, warnings } = encodeOllamaEmbedRequest(ir, upstreamModel);
    return {
      path: `${target.basePath}/api/embed`,
      headers: target.headers,
      body: JSON.stringify(body),
      warnings,
    };
  },
  decodeResponse: (body, model) => ({ ...decodeOllamaEmbedResponse(body), model }),
};

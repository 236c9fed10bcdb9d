import { decodeGeminiBatchEmbedResponse, encodeGeminiBatchEmbedRequest } from "@gatehouse/protocol";
import type { EmbeddingsAdapter } from "../provider-adapter.js";
import type { UpstreamTarget } from "../upstream-target.js";
import { renameGeminiEmbedModel } from "./rename-gemini-embed-model.js";

function embedPath(target: UpstreamTarget, model: string, method: string): string {
  return `${target.basePath}/models/${encodeURIComponent(model)}:${method}`;
}

/**
 * Embeddings on the Gemini API: the conversion path always calls `:batchEmbedContents` (any number of
 * inputs, one endpoint); the passthrough path keeps the client's own method. Gemini reports no token
 * count for embeddings, so metering estimates it.
 * @see https://ai.google.dev/api/embeddings#method:-models.batchembedcontents
 * @see https://ai.google.dev/api/embeddings#method:-models.embedcontent
 */
export const geminiEmbeddings: EmbeddingsAdapter = {
  request(ir, upstreamModel, target) {
    const { body, warnings } = encodeGeminiBatchEmbedRequest(ir, upstreamModel);
    return {
      path: embedPath(target, upstreamModel, "batchEmbedContents"),
      headers: target.headers,
      body: JSON.stringify(body),
      warnings,
    };
  },
  decodeResponse: (body, model) => decodeGeminiBatchEmbedResponse(body, model),
  passthroughRequest(raw, upstreamModel, target, method) {
    return {
      path: embedPath(target, upstreamModel, method),
      headers: target.headers,
      body: renameGeminiEmbedModel(raw, upstreamModel),
      warnings: [],
    };
  },
};

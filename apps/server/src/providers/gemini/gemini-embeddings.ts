import { decodeGeminiBatchEmbedResponse, encodeGeminiBatchEmbedRequest } from "@gatehouse/protocol";
import type { EmbeddingsAdapter } from "../provider-adapter.js";
import type { UpstreamTarget } from "../upstream-target.js";
import { renameGeminiEmbedModel } from "./rename-gemini-embed-model.js";

function embedPath(target: UpstreamTarget, model: string, method: string): string {
  return `${target.basePath}/models/${encodeURIComponent(model)}:${method}`;
}

/**
 * The most requests one `batchEmbedContents` call takes; Gemini answers more with 400 INVALID_ARGUMENT
 * "BatchEmbedContentsRequest.requests: at most 100 requests can be in one batch". Not in the API
 * reference; it is what Gemini answers, and what client libraries (LangChain, the AI SDK) batch by.
 * @see https://github.com/langchain-ai/langchainjs/issues/4491
 * @see https://github.com/vercel/ai/pull/16575
 */
export const GEMINI_MAX_BATCH_EMBED_REQUESTS = 100;

/**
 * Embeddings on the Gemini API: the conversion path always calls `:batchEmbedContents` (one endpoint for
 * any number of inputs, at most 100 a call); the passthrough path keeps the client's own method. Gemini
 * reports no token count for embeddings, so metering estimates it.
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
  maxInputsPerCall: () => GEMINI_MAX_BATCH_EMBED_REQUESTS,
  passthroughRequest(raw, upstreamModel, target, method) {
    return {
      path: embedPath(target, upstreamModel, method),
      headers: target.headers,
      body: renameGeminiEmbedModel(raw, upstreamModel),
      warnings: [],
    };
  },
};

import type { EmbeddingsAdapter } from "../provider-adapter.js";
import type { UpstreamTarget } from "../upstream-target.js";
import { decodeVertexPredictEmbedResponse } from "./decode-vertex-predict-embed-response.js";
import { encodeVertexPredictEmbedRequest } from "./encode-vertex-predict-embed-request.js";
import { vertexResource } from "./vertex-location.js";

/** Vertex's limit on input texts in one `:predict` (besides 20,000 tokens summed over them). */
const MAX_INSTANCES = 250;

/**
 * The most inputs one `:predict` of a model takes. Vertex documents 250 input texts a request, and that
 * gemini-embedding-001 "supports one instance per request"; later answers from Vertex suggest it now takes
 * more (https://github.com/topoteretes/cognee/pull/4856), but one always works, so the documented limit
 * is kept.
 * @see https://cloud.google.com/vertex-ai/generative-ai/docs/embeddings/get-text-embeddings#api_limits
 *
 * @example
 * vertexMaxEmbedInstances("text-embedding-005"); // 250
 * vertexMaxEmbedInstances("gemini-embedding-001"); // 1
 */
export function vertexMaxEmbedInstances(upstreamModel: string): number {
  return upstreamModel.startsWith("gemini-embedding-") ? 1 : MAX_INSTANCES;
}

function predictPath(target: UpstreamTarget, model: string): string {
  return `${target.basePath}/${vertexResource(target)}/publishers/google/models/${encodeURIComponent(model)}:predict`;
}

/**
 * Embeddings on Vertex AI: POST {base}/projects/{p}/locations/{l}/publishers/google/models/{m}:predict,
 * the Text embeddings API that Vertex documents for gemini-embedding-001, text-embedding-005 and
 * text-multilingual-embedding-002 (Google's own SDK calls it for these models too). It was chosen over
 * `:embedContent` because it takes a batch (up to 250 inputs) and reports each input's token count;
 * `:embedContent` takes one content a call and is what Vertex offers the newer gemini-embedding-2 models,
 * which this adapter does not serve yet. No passthrough: a Gemini client's `embedContent` or
 * `batchEmbedContents` body is not `:predict`'s, so it always goes through the IR.
 * @see https://cloud.google.com/vertex-ai/generative-ai/docs/model-reference/text-embeddings-api
 * @see https://cloud.google.com/vertex-ai/generative-ai/docs/reference/rest/v1/projects.locations.publishers.models/embedContent
 */
export const vertexEmbeddings: EmbeddingsAdapter = {
  request(ir, upstreamModel, target) {
    const { body, warnings } = encodeVertexPredictEmbedRequest(ir);
    return {
      path: predictPath(target, upstreamModel),
      headers: target.headers,
      body: JSON.stringify(body),
      warnings,
    };
  },
  decodeResponse: (body, model) => decodeVertexPredictEmbedResponse(body, model),
  maxInputsPerCall: vertexMaxEmbedInstances,
};

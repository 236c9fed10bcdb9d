import type { IrEmbeddingsRequest } from "../openai/ir-embeddings.js";

/** The body of `models/{model}:batchEmbedContents`. */
export interface GeminiBatchEmbedRequest {
  requests: Array<{
    model: string;
    content: { parts: Array<{ text: string }> };
    outputDimensionality?: number;
  }>;
}

/**
 * IR embeddings request → a Gemini `batchEmbedContents` body (one EmbedContentRequest per input; used for
 * any number of inputs, so upstream calls need one endpoint only).
 * @see https://ai.google.dev/api/embeddings#method:-models.batchembedcontents
 *
 * @example
 * encodeGeminiBatchEmbedRequest({ model: "m", input: ["a"] }, "gemini-embedding-001").body.requests[0].model;
 * // "models/gemini-embedding-001"
 */
export function encodeGeminiBatchEmbedRequest(
  ir: IrEmbeddingsRequest,
  upstreamModel: string,
): { body: GeminiBatchEmbedRequest; warnings: string[] } {
  const requests = ir.input.map((text) => {
    const request: GeminiBatchEmbedRequest["requests"][number] = {
      model: `models/${upstreamModel}`,
      content: { parts: [{ text }] },
    };
    if (ir.dimensions !== undefined) request.outputDimensionality = ir.dimensions;
    return request;
  });
  return { body: { requests }, warnings: [] };
}

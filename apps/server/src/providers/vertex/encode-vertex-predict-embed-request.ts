import type { IrEmbeddingsRequest } from "@gatehouse/protocol";

/** The body of a Vertex AI text embedding model's `:predict`. */
export interface VertexPredictEmbedRequest {
  /** One instance per input text, in input order. */
  instances: Array<{ content: string }>;
  parameters?: { outputDimensionality?: number };
}

/**
 * IR embeddings request → the body of `publishers/google/models/{model}:predict` for Vertex AI's text
 * embedding models: one `{content}` instance per input, `dimensions` as `parameters.outputDimensionality`.
 * No `task_type` (the IR has none; Vertex then uses RETRIEVAL_QUERY) and no `autoTruncate` (Vertex's
 * default, true, truncates an input beyond the model's 2048 tokens). Everything in the IR is expressible,
 * so no warnings.
 * @see https://cloud.google.com/vertex-ai/generative-ai/docs/model-reference/text-embeddings-api
 * @see https://cloud.google.com/vertex-ai/generative-ai/docs/reference/rest/Shared.Types/TextEmbeddingPredictionParams
 *
 * @example
 * encodeVertexPredictEmbedRequest({ model: "m", input: ["a"], dimensions: 256 }).body;
 * // { instances: [{ content: "a" }], parameters: { outputDimensionality: 256 } }
 */
export function encodeVertexPredictEmbedRequest(ir: IrEmbeddingsRequest): {
  body: VertexPredictEmbedRequest;
  warnings: string[];
} {
  const body: VertexPredictEmbedRequest = { instances: ir.input.map((content) => ({ content })) };
  if (ir.dimensions !== undefined) body.parameters = { outputDimensionality: ir.dimensions };
  return { body, warnings: [] };
}

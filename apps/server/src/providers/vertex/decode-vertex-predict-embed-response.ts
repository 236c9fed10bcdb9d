import { createFieldReader, type IrEmbeddingsResponse } from "@gatehouse/protocol";

/**
 * A Vertex AI text embedding `:predict` answer → IR, `model` being the public name to report:
 * `predictions[i].embeddings.values` embeds input i; the input tokens are the sum of each prediction's
 * `statistics.token_count` (Vertex writes the prediction's fields in snake_case; `tokenCount`, as the
 * REST reference spells it, is read too), 0 when none is reported so that metering estimates instead.
 * `metadata.billableCharacterCount` is not a token count and is ignored. A malformed body throws
 * GatewayError("upstream_error").
 * @see https://cloud.google.com/vertex-ai/generative-ai/docs/model-reference/text-embeddings-api#response_body
 * @see https://cloud.google.com/vertex-ai/generative-ai/docs/reference/rest/Shared.Types/TextEmbedding
 *
 * @example
 * decodeVertexPredictEmbedResponse(
 *   { predictions: [{ embeddings: { values: [0.5], statistics: { token_count: 2, truncated: false } } }] },
 *   "embed",
 * ); // { model: "embed", vectors: [[0.5]], inputTokens: 2 }
 */
export function decodeVertexPredictEmbedResponse(body: unknown, model: string): IrEmbeddingsResponse {
  const r = createFieldReader("upstream_error");
  const b = r.object(body, "body");
  let inputTokens = 0;
  const vectors = r.array(b.predictions, "predictions").map((p, i) => {
    const at = `predictions[${i}].embeddings`;
    const e = r.object(r.object(p, `predictions[${i}]`).embeddings, at);
    const stats = r.optional(e.statistics, (v) => r.object(v, `${at}.statistics`));
    const tokens = r.optional(stats?.token_count ?? stats?.tokenCount, (v) =>
      r.number(v, `${at}.statistics.token_count`, { integer: true, min: 0 }),
    );
    inputTokens += tokens ?? 0;
    return r.array(e.values, `${at}.values`).map((x, j) => r.number(x, `${at}.values[${j}]`));
  });
  return { model, vectors, inputTokens };
}

import { createFieldReader } from "../openai/create-field-reader.js";
import type { IrEmbeddingsResponse } from "../openai/ir-embeddings.js";

/**
 * An Ollama /api/embed answer → IR: one vector per input, in order; prompt_eval_count as input tokens.
 * A malformed body throws GatewayError("upstream_error").
 * @see https://github.com/ollama/ollama/blob/main/docs/api.md#generate-embeddings
 *
 * @example
 * const ir = decodeOllamaEmbedResponse(JSON.parse(text));
 */
export function decodeOllamaEmbedResponse(body: unknown): IrEmbeddingsResponse {
  const r = createFieldReader("upstream_error");
  const b = r.object(body, "body");
  const vectors = r
    .array(b.embeddings, "embeddings")
    .map((v, i) => r.array(v, `embeddings[${i}]`).map((x, j) => r.number(x, `embeddings[${i}][${j}]`)));
  const tokens = r.optional(b.prompt_eval_count, (v) =>
    r.number(v, "prompt_eval_count", { integer: true, min: 0 }),
  );
  return {
    model: r.optional(b.model, (v) => r.string(v, "model")) ?? "",
    vectors,
    inputTokens: tokens ?? 0,
  };
}

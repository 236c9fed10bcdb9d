import { createFieldReader } from "./create-field-reader.js";
import { decodeFloat32Base64 } from "./float32-base64.js";
import type { IrEmbeddingsResponse } from "./ir-embeddings.js";

/**
 * An upstream's embeddings answer → IR, vectors in `index` order. Each embedding is numbers or base64
 * little-endian float32, whichever was asked for. A malformed body throws GatewayError("upstream_error").
 * @see https://platform.openai.com/docs/api-reference/embeddings/object
 *
 * @example
 * const ir = decodeOpenAIEmbeddingsResponse(JSON.parse(text));
 */
export function decodeOpenAIEmbeddingsResponse(body: unknown): IrEmbeddingsResponse {
  const r = createFieldReader("upstream_error");
  const b = r.object(body, "body");
  const items = r.array(b.data, "data").map((item, i) => {
    const d = r.object(item, `data[${i}]`);
    const index = r.optional(d.index, (v) => r.number(v, `data[${i}].index`, { integer: true, min: 0 })) ?? i;
    const e = d.embedding;
    const vector =
      typeof e === "string"
        ? (decodeFloat32Base64(e) ?? r.fail("must be base64 of float32 values", `data[${i}].embedding`))
        : r.array(e, `data[${i}].embedding`).map((x, j) => r.number(x, `data[${i}].embedding[${j}]`));
    return { index, vector };
  });
  items.sort((a, b) => a.index - b.index);
  const usage = r.optional(b.usage, (v) => r.object(v, "usage"));
  const tokens = r.optional(usage?.prompt_tokens, (v) =>
    r.number(v, "usage.prompt_tokens", { integer: true, min: 0 }),
  );
  return {
    model: r.optional(b.model, (v) => r.string(v, "model")) ?? "",
    vectors: items.map((x) => x.vector),
    inputTokens: tokens ?? 0,
  };
}

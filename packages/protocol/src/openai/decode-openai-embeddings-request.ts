import { createFieldReader } from "./create-field-reader.js";
import type { IrEmbeddingsRequest } from "./ir-embeddings.js";

/**
 * A client's POST /v1/embeddings body → IR. `input` is a string or an array of strings; token arrays are
 * refused with a 400 (token ids mean nothing to another provider's tokenizer).
 * @see https://platform.openai.com/docs/api-reference/embeddings/create
 *
 * @example
 * decodeOpenAIEmbeddingsRequest({ model: "text-embedding-3-small", input: "hello" });
 */
export function decodeOpenAIEmbeddingsRequest(body: unknown): IrEmbeddingsRequest {
  const r = createFieldReader("invalid_request");
  const b = r.object(body, "body");
  const model = r.string(b.model, "model");
  if (model === "") r.fail("must not be empty", "model");
  const input = typeof b.input === "string" ? [b.input] : r.array(b.input, "input");
  if (input.length === 0) r.fail("must not be empty", "input");
  const ir: IrEmbeddingsRequest = {
    model,
    input: input.map((v, i) =>
      typeof v === "string" ? v : r.fail("must be a string (token arrays are not supported)", `input[${i}]`),
    ),
  };
  const dimensions = r.optional(b.dimensions, (v) => r.number(v, "dimensions", { integer: true, min: 1 }));
  if (dimensions !== undefined) ir.dimensions = dimensions;
  const format = r.optional(b.encoding_format, (v) =>
    r.oneOf(v, "encoding_format", ["float", "base64"] as const),
  );
  if (format !== undefined) ir.encodingFormat = format;
  return ir;
}

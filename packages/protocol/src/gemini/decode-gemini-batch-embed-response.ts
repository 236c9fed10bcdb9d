import { GatewayError } from "../errors/gateway-error.js";
import type { IrEmbeddingsResponse } from "../openai/ir-embeddings.js";
import { isJsonObject } from "./gemini-field-reader.js";

function bad(problem: string): GatewayError {
  return new GatewayError("upstream_error", `Unexpected Gemini batchEmbedContents response: ${problem}`, {
    provider: "gemini",
  });
}

/**
 * A Gemini `batchEmbedContents` answer (`{"embeddings":[{"values":[...]}]}`) → IR, `model` being the
 * public name to report. Gemini reports no token count for embeddings, so `inputTokens` is 0 unless a
 * `usageMetadata.promptTokenCount` is present; the metering step estimates when it is 0.
 * @see https://ai.google.dev/api/embeddings#response-body_1
 */
export function decodeGeminiBatchEmbedResponse(body: unknown, model: string): IrEmbeddingsResponse {
  if (!isJsonObject(body)) throw bad("body must be an object");
  if (!Array.isArray(body.embeddings)) throw bad("embeddings must be an array");
  const vectors = body.embeddings.map((e, i) => {
    const values = isJsonObject(e) ? e.values : undefined;
    if (!Array.isArray(values) || !values.every((v) => typeof v === "number"))
      throw bad(`embeddings[${i}].values must be an array of numbers`);
    return values as number[];
  });
  const usage = isJsonObject(body.usageMetadata) ? body.usageMetadata.promptTokenCount : undefined;
  return { model, vectors, inputTokens: typeof usage === "number" ? usage : 0 };
}

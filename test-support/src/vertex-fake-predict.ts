import type { FakeContext } from "./fake-context.js";
import { fakeEmbedding } from "./fake-embedding.js";
import { estimatePromptTokens } from "./fake-reply.js";
import { arrayField, asJsonObject } from "./json-object.js";
import { sendJson } from "./send-json.js";

/**
 * The most instances one `:predict` of a model takes: Vertex documents 250 input texts a request, and
 * one for gemini-embedding-001 ("supports one instance per request").
 * @see https://cloud.google.com/vertex-ai/generative-ai/docs/embeddings/get-text-embeddings#api_limits
 */
export function vertexFakeMaxInstances(model: string): number {
  return model.startsWith("gemini-embedding-") ? 1 : 250;
}

const TOO_MANY =
  "Unable to submit request because it included too many instances. Reduce the number of instances and try again. Learn more: https://cloud.google.com/vertex-ai/generative-ai/docs/model-reference/text-embeddings";

/**
 * Vertex's refusal of too many instances. The first message is word for word what Vertex answered for
 * gemini-embedding-001 (https://github.com/RooCodeInc/Roo-Code/issues/5123); the range form follows the
 * one quoted in https://github.com/topoteretes/cognee/pull/4856.
 */
function tooManyMessage(limit: number, count: number): string {
  if (limit === 1) {
    return `${TOO_MANY}: Unable to submit request because batchSize must be 1 but the entered value was ${count}. Update the batchSize value and try again.`;
  }
  return `${TOO_MANY}: Unable to submit request because it has a batchSize value of ${count} but the supported range is from 1 (inclusive) to ${limit + 1} (exclusive). Update the value and try again.`;
}

/** Characters Vertex bills: the input's, whitespace excluded. */
function billableCharacters(texts: string[]): number {
  return texts.reduce((n, t) => n + t.replace(/\s/g, "").length, 0);
}

/**
 * POST …/publishers/google/models/{model}:predict for Vertex's text embedding models: one
 * `{embeddings: {values, statistics: {truncated, token_count}}}` prediction per `{content}` instance, in
 * order ({@link fakeEmbedding} of the content, `parameters.outputDimensionality` values, default 8), and
 * `metadata.billableCharacterCount`. More instances than the model takes: 400 INVALID_ARGUMENT, as Vertex.
 * @see https://cloud.google.com/vertex-ai/generative-ai/docs/model-reference/text-embeddings-api
 *
 * @example
 * // POST /v1/projects/p/locations/us-central1/publishers/google/models/text-embedding-005:predict
 * // {"instances":[{"content":"a"}]} → {"predictions":[{"embeddings":{"values":[…],"statistics":{…}}}],…}
 */
export function vertexFakePredict(
  ctx: FakeContext,
  model: string,
  body: Record<string, unknown>,
): Promise<void> | void {
  const instances = arrayField(body, "instances").map((i) => asJsonObject(i)?.["content"]);
  if (instances.length === 0 || !instances.every((c) => typeof c === "string")) {
    return ctx.fail(400, "Invalid instances: each instance needs a string `content`.");
  }
  const texts = instances as string[];
  const limit = vertexFakeMaxInstances(model);
  if (texts.length > limit) return ctx.fail(400, tooManyMessage(limit, texts.length));
  const dims = asJsonObject(body["parameters"])?.["outputDimensionality"];
  const predictions = texts.map((text) => ({
    embeddings: {
      statistics: { truncated: false, token_count: estimatePromptTokens([text]) },
      values: fakeEmbedding(text, typeof dims === "number" ? dims : 8),
    },
  }));
  return sendJson(ctx, 200, { predictions, metadata: { billableCharacterCount: billableCharacters(texts) } });
}

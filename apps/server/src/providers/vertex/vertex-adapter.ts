import { GatewayError } from "@gatehouse/protocol";
import { geminiAdapter } from "../gemini/gemini-adapter.js";
import type { ProviderAdapter } from "../provider-adapter.js";
import type { UpstreamTarget } from "../upstream-target.js";
import { GoogleTokenSource } from "./google-token-source.js";
import { parseServiceAccount } from "./parse-service-account.js";
import { vertexEmbeddings } from "./vertex-embeddings.js";
import { vertexBaseUrl, vertexResource } from "./vertex-location.js";

/** The target as the Gemini adapter should see it: `{base}/models/...` lands on the publisher's models. */
function asGeminiTarget(target: UpstreamTarget): UpstreamTarget {
  return { ...target, basePath: `${target.basePath}/${vertexResource(target)}/publishers/google` };
}

/**
 * Gemini on Vertex AI: the Gemini wire format (the Gemini adapter builds bodies and reads answers) at
 * POST {base}/projects/{project}/locations/{location}/publishers/google/models/{model}:generateContent
 * or :streamGenerateContent?alt=sse, where the base URL carries the version
 * (https://{location}-aiplatform.googleapis.com/v1). Auth is `Authorization: Bearer <access token>`,
 * the token got from the service account key and cached by a GoogleTokenSource per target (so no static
 * auth header). Embeddings use Vertex's own `:predict` API (vertexEmbeddings).
 * @see https://cloud.google.com/vertex-ai/docs/reference/rest/v1/projects.locations.publishers.models/generateContent
 * @see https://cloud.google.com/vertex-ai/docs/reference/rest/v1/projects.locations.publishers.models/streamGenerateContent
 */
export const vertexAdapter: ProviderAdapter = {
  ...geminiAdapter,
  staticHeaders: () => ({}),
  defaultBaseUrl: {
    setting: "a location (config.location)",
    resolve: (config) => (typeof config.location === "string" ? vertexBaseUrl(config.location) : undefined),
  },
  embeddings: vertexEmbeddings,
  chatRequest: (ir, model, target, now) => geminiAdapter.chatRequest(ir, model, asGeminiTarget(target), now),
  passthroughRequest: (raw, model, stream, target, now) =>
    geminiAdapter.passthroughRequest(raw, model, stream, asGeminiTarget(target), now),
  createAuth(target) {
    const json = target.credentials.serviceAccountJson;
    if (!json) {
      throw new GatewayError("invalid_request", `Provider '${target.name}' has no service account key.`);
    }
    return new GoogleTokenSource(parseServiceAccount(json), target.name);
  },
};

import {
  createGeminiStreamDecoder,
  decodeGeminiError,
  decodeGeminiResponse,
  encodeGeminiRequest,
} from "@gatehouse/protocol";
import type { ProviderAdapter } from "../provider-adapter.js";
import type { UpstreamTarget } from "../upstream-target.js";
import { geminiEmbeddings } from "./gemini-embeddings.js";

/** The generateContent path of a model; streams ask for SSE framing. */
function generatePath(target: UpstreamTarget, model: string, stream: boolean): string {
  const verb = stream ? "streamGenerateContent?alt=sse" : "generateContent";
  return `${target.basePath}/models/${encodeURIComponent(model)}:${verb}`;
}

/**
 * Gemini API (AI Studio): POST {base}/models/{model}:generateContent or :streamGenerateContent?alt=sse
 * with x-goog-api-key. The base URL includes the version (https://generativelanguage.googleapis.com/v1beta).
 * @see https://ai.google.dev/api/generate-content
 */
export const geminiAdapter: ProviderAdapter = {
  protocol: "gemini",
  framing: "sse",
  chatRequest(ir, upstreamModel, target) {
    const { body, warnings } = encodeGeminiRequest(ir, upstreamModel);
    return {
      path: generatePath(target, upstreamModel, ir.stream),
      headers: target.headers,
      body: JSON.stringify(body),
      warnings,
    };
  },
  passthroughRequest(raw, upstreamModel, stream, target) {
    return {
      path: generatePath(target, upstreamModel, stream),
      headers: target.headers,
      body: raw,
      warnings: [],
    };
  },
  decodeResponse: (body) => decodeGeminiResponse(body),
  createStreamDecoder: () => createGeminiStreamDecoder(),
  decodeError: (status, body, headers, now) => decodeGeminiError(status, body, headers, now),
  embeddings: geminiEmbeddings,
};

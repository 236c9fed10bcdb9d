import {
  createGeminiStreamDecoder,
  decodeGeminiError,
  decodeGeminiResponse,
  encodeGeminiRequest,
} from "@gatehouse/protocol";
import { apiKeyHeader } from "../api-key-header.js";
import type { ProviderAdapter } from "../provider-adapter.js";
import type { UpstreamTarget } from "../upstream-target.js";
import { geminiEmbeddings } from "./gemini-embeddings.js";

/** The generateContent path of a model; streams ask for SSE framing. */
function generatePath(target: UpstreamTarget, model: string, stream: boolean): string {
  const verb = stream ? "streamGenerateContent?alt=sse" : "generateContent";
  return `${target.basePath}/models/${encodeURIComponent(model)}:${verb}`;
}

const FETCHED_BY_GEMINI = new Set([
  "generativelanguage.googleapis.com", // Files API URIs: .../v1beta/files/{id}
  "www.youtube.com",
  "youtube.com",
  "m.youtube.com",
  "youtu.be",
]);

/**
 * Which http(s) image URLs the gateway fetches for Gemini: all but Files API URIs and YouTube links.
 * Gemini's `fileData.fileUri` takes those everywhere; public web URLs only since January 2026, on some
 * models, over https — so web images are sent as `inlineData`, which every model takes, and an image
 * that cannot be fetched is the client's 400 rather than an opaque upstream error.
 * @see https://ai.google.dev/gemini-api/docs/file-input-methods
 * @see https://blog.google/innovation-and-ai/technology/developers-tools/gemini-api-new-file-limits
 */
function geminiNeedsImageBytes(url: string): boolean {
  try {
    return !FETCHED_BY_GEMINI.has(new URL(url).hostname.toLowerCase());
  } catch {
    return false;
  }
}

/**
 * Gemini API (AI Studio): POST {base}/models/{model}:generateContent or :streamGenerateContent?alt=sse
 * with x-goog-api-key. The base URL includes the version (https://generativelanguage.googleapis.com/v1beta).
 * @see https://ai.google.dev/api/generate-content
 * @see https://ai.google.dev/gemini-api/docs/api-key
 */
export const geminiAdapter: ProviderAdapter = {
  protocol: "gemini",
  framing: "sse",
  staticHeaders: (credentials) => apiKeyHeader("x-goog-api-key", credentials),
  needsImageBytes: geminiNeedsImageBytes,
  chatRequest(ir, upstreamModel, target) {
    const { body, warnings } = encodeGeminiRequest(ir, upstreamModel);
    return {
      path: generatePath(target, upstreamModel, ir.stream),
      headers: target.headers,
      body: JSON.stringify(body),
      warnings,
    };
  },
  passthroughRequest(body, upstreamModel, stream, target) {
    return {
      path: generatePath(target, upstreamModel, stream),
      headers: target.headers,
      body,
      warnings: [],
    };
  },
  decodeResponse: (body) => decodeGeminiResponse(body),
  createStreamDecoder: () => createGeminiStreamDecoder(),
  decodeError: (status, body, headers, now) => decodeGeminiError(status, body, headers, now),
  embeddings: geminiEmbeddings,
};

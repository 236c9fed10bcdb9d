import {
  createOpenAIStreamDecoder,
  decodeOpenAIError,
  decodeOpenAIResponse,
  encodeOpenAIRequest,
} from "@gatehouse/protocol";
import { apiKeyHeader } from "../api-key-header.js";
import type { ProviderAdapter } from "../provider-adapter.js";
import type { UpstreamTarget } from "../upstream-target.js";
import { openaiEmbeddings } from "./openai-embeddings.js";

/** api.openai.com wants max_completion_tokens (o-series refuse max_tokens); compatible servers know max_tokens. */
function maxTokensField(target: UpstreamTarget): "max_completion_tokens" | "max_tokens" {
  const configured = target.config.maxTokensField;
  if (configured === "max_tokens" || configured === "max_completion_tokens") return configured;
  return target.origin === "https://api.openai.com" ? "max_completion_tokens" : "max_tokens";
}

/**
 * OpenAI and every OpenAI-compatible vendor (OpenRouter, Groq, Together, Mistral, DeepSeek, xAI,
 * Fireworks, vLLM, LM Studio): POST {base}/chat/completions with Bearer auth. Response headers carry
 * nothing the body lacks, so the decoders ignore them.
 * @see https://platform.openai.com/docs/api-reference/chat/create
 * @see https://platform.openai.com/docs/api-reference/authentication
 */
export const openaiAdapter: ProviderAdapter = {
  protocol: "openai",
  framing: "sse",
  staticHeaders: (credentials) => apiKeyHeader("authorization", credentials, "Bearer "),
  chatRequest(ir, upstreamModel, target) {
    const { body, warnings } = encodeOpenAIRequest(ir, upstreamModel, {
      maxTokensField: maxTokensField(target),
      acceptsTopK: target.config.acceptsTopK === true,
    });
    return {
      path: `${target.basePath}/chat/completions`,
      headers: target.headers,
      body: JSON.stringify(body),
      warnings,
    };
  },
  passthroughRequest(body, _upstreamModel, _stream, target) {
    return {
      path: `${target.basePath}/chat/completions`,
      headers: target.headers,
      body,
      warnings: [],
    };
  },
  // @see https://platform.openai.com/docs/api-reference/responses/create
  responsesRequest: (body, target) => ({
    path: `${target.basePath}/responses`,
    headers: target.headers,
    body,
    warnings: [],
  }),
  // @see https://platform.openai.com/docs/api-reference/responses/compact
  responsesCompactRequest: (body, target) => ({
    path: `${target.basePath}/responses/compact`,
    headers: target.headers,
    body,
    warnings: [],
  }),
  decodeResponse: (body) => decodeOpenAIResponse(body),
  createStreamDecoder: () => createOpenAIStreamDecoder(),
  decodeError: (status, body, headers, now) => decodeOpenAIError(status, body, headers, now),
  embeddings: openaiEmbeddings,
};

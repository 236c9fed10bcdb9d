import {
  createAnthropicStreamDecoder,
  decodeAnthropicError,
  decodeAnthropicResponse,
  encodeAnthropicRequest,
} from "@gatehouse/protocol";
import { apiKeyHeader } from "../api-key-header.js";
import type { ProviderAdapter } from "../provider-adapter.js";

/** The API version sent when the provider's config.anthropicVersion sets none. */
export const ANTHROPIC_DEFAULT_VERSION = "2023-06-01";

/**
 * Anthropic's Messages API: POST {base}/v1/messages with x-api-key and anthropic-version.
 * The base URL is the origin (https://api.anthropic.com); `/v1` is added here, as Anthropic's SDKs do.
 * @see https://docs.anthropic.com/en/api/messages
 * @see https://docs.anthropic.com/en/api/overview#authentication
 * @see https://docs.anthropic.com/en/api/versioning
 */
export const anthropicAdapter: ProviderAdapter = {
  protocol: "anthropic",
  framing: "sse",
  staticHeaders(credentials, config) {
    const version = String(config.anthropicVersion ?? ANTHROPIC_DEFAULT_VERSION);
    return { ...apiKeyHeader("x-api-key", credentials), "anthropic-version": version };
  },
  chatRequest(ir, upstreamModel, target) {
    const defaultMaxTokens =
      typeof target.config.defaultMaxTokens === "number" ? target.config.defaultMaxTokens : undefined;
    const { body, warnings } = encodeAnthropicRequest(
      ir,
      upstreamModel,
      defaultMaxTokens ? { defaultMaxTokens } : {},
    );
    return {
      path: `${target.basePath}/v1/messages`,
      headers: target.headers,
      body: JSON.stringify(body),
      warnings,
    };
  },
  passthroughRequest(body, _upstreamModel, _stream, target) {
    return {
      path: `${target.basePath}/v1/messages`,
      headers: target.headers,
      body,
      warnings: [],
    };
  },
  decodeResponse: (body) => decodeAnthropicResponse(body),
  createStreamDecoder: () => createAnthropicStreamDecoder(),
  decodeError: (status, body, headers, now) => decodeAnthropicError(status, body, headers, now),
};

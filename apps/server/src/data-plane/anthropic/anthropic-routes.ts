import {
  decodeAnthropicCountTokensRequestWithWarnings,
  encodeAnthropicCountTokensResponse,
} from "@gatehouse/protocol";
import type { FastifyInstance } from "fastify";
import { chatOperation } from "../chat/chat-operation.js";
import type { GatewayRuntime } from "../gateway-runtime.js";
import { countTokensOperation } from "../local/count-tokens-operation.js";
import { dataPlaneRoute } from "../pipeline/run-pipeline.js";
import { anthropicSurface } from "./anthropic-surface.js";

/**
 * The Anthropic surface: POST /v1/messages (JSON and SSE) and POST /v1/messages/count_tokens (a gateway
 * estimate).
 * @see https://docs.anthropic.com/en/api/messages
 * @see https://docs.anthropic.com/en/api/messages-count-tokens
 */
export function registerAnthropicRoutes(app: FastifyInstance, rt: GatewayRuntime): void {
  const messages = chatOperation(anthropicSurface);
  const countTokens = countTokensOperation(anthropicSurface, {
    // Counted, never converted: features only Anthropic models have are counted like the rest.
    decode: (json) => decodeAnthropicCountTokensRequestWithWarnings(json).request,
    encode: encodeAnthropicCountTokensResponse,
  });
  app.post(
    "/v1/messages",
    dataPlaneRoute(rt, anthropicSurface, () => messages),
  );
  app.post(
    "/v1/messages/count_tokens",
    dataPlaneRoute(rt, anthropicSurface, () => countTokens),
  );
}

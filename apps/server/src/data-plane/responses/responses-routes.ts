import { decodeResponsesRequestWithWarnings } from "@gatehouse/protocol";
import type { FastifyInstance } from "fastify";
import { chatOperation } from "../chat/chat-operation.js";
import type { GatewayRuntime } from "../gateway-runtime.js";
import { countTokensOperation } from "../local/count-tokens-operation.js";
import { dataPlaneRoute } from "../pipeline/run-pipeline.js";
import { compactOperation } from "./compact-operation.js";
import { responsesSurface } from "./responses-surface.js";
import { registerResponsesWebSocket } from "./websocket/register-responses-websocket.js";
import { socketLimits } from "./websocket/socket-limits.js";

/**
 * The OpenAI Responses surface: POST /v1/responses (JSON and SSE), POST /v1/responses/input_tokens
 * (a gateway estimate, as Anthropic's and Gemini's token counts), POST /v1/responses/compact (native
 * only: an upstream that offers it), and the WebSocket mode of GET /v1/responses.
 * @see https://platform.openai.com/docs/api-reference/responses/create
 * @see https://platform.openai.com/docs/api-reference/responses/input-tokens
 * @see https://platform.openai.com/docs/api-reference/responses/compact
 */
export function registerResponsesRoutes(app: FastifyInstance, rt: GatewayRuntime): void {
  const create = chatOperation(responsesSurface);
  const compact = compactOperation();
  const inputTokens = countTokensOperation(responsesSurface, {
    // Counted, never converted: hosted tools and files are counted like the rest.
    decode: (json) => decodeResponsesRequestWithWarnings(json).request,
    encode: (tokens) => ({ object: "response.input_tokens", input_tokens: tokens }),
  });
  app.post(
    "/v1/responses",
    dataPlaneRoute(rt, responsesSurface, () => create),
  );
  app.post(
    "/v1/responses/input_tokens",
    dataPlaneRoute(rt, responsesSurface, () => inputTokens),
  );
  app.post(
    "/v1/responses/compact",
    dataPlaneRoute(rt, responsesSurface, () => compact),
  );
  registerResponsesWebSocket(app, rt, create, rt.socketLimits ?? socketLimits(rt.bodyLimit));
}

import {
  decodeAnthropicCountTokensRequest,
  decodeAnthropicRequest,
  encodeAnthropicCountTokensResponse,
} from "@gatehouse/protocol";
import type { FastifyInstance } from "fastify";
import { estimateTokens } from "../../metering/estimate-tokens.js";
import { dataPlaneRoute } from "../data-plane-route.js";
import { forwardChat } from "../forward-chat.js";
import type { GatewayRuntime } from "../gateway-runtime.js";
import { promptCharsOf } from "../prompt-chars-of.js";
import { readJsonBody } from "../read-json-body.js";
import { routeRequest } from "../route-request.js";
import { anthropicSurface } from "./anthropic-surface.js";

/**
 * The Anthropic surface: POST /v1/messages (JSON and SSE) and POST /v1/messages/count_tokens.
 * Keys come as x-api-key or Authorization: Bearer (both are Anthropic SDK styles).
 * @see https://docs.anthropic.com/en/api/messages
 * @see https://docs.anthropic.com/en/api/messages-count-tokens
 */
export function registerAnthropicRoutes(app: FastifyInstance, rt: GatewayRuntime): void {
  app.post(
    "/v1/messages",
    dataPlaneRoute(rt, "anthropic", anthropicSurface.errors, async (ctx, req, reply) => {
      const ir = decodeAnthropicRequest(readJsonBody(req.body));
      ctx.requestedModel = ir.model;
      ctx.stream = ir.stream;
      await routeRequest(rt, ctx, req.headers, ir.model);
      await forwardChat(rt, ctx, anthropicSurface, ir, req.body as Buffer, req.headers, reply.raw);
    }),
  );

  app.post(
    "/v1/messages/count_tokens",
    dataPlaneRoute(rt, "anthropic", anthropicSurface.errors, async (ctx, req, reply) => {
      const ir = decodeAnthropicCountTokensRequest(readJsonBody(req.body));
      ctx.requestedModel = ir.model;
      await routeRequest(rt, ctx, req.headers, ir.model);
      // Counted here, not upstream: an estimate that needs no provider call and works for every upstream.
      const body = encodeAnthropicCountTokensResponse(estimateTokens(promptCharsOf(ir)));
      reply.raw.writeHead(200, { "content-type": "application/json", "x-gatehouse-request-id": ctx.id });
      reply.raw.end(JSON.stringify(body));
    }),
  );
}

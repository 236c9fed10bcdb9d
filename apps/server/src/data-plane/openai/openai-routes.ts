import type { FastifyInstance } from "fastify";
import { dataPlaneRoute } from "../data-plane-route.js";
import { handleOpenAIEmbeddings } from "../embeddings/handle-openai-embeddings.js";
import type { GatewayRuntime } from "../gateway-runtime.js";
import { handleOpenAIChat } from "./openai-chat-handler.js";
import { openAISurface } from "./openai-surface.js";

/**
 * The OpenAI surface: POST /v1/chat/completions and POST /v1/embeddings. (GET /v1/models is shared:
 * see models-route.ts.)
 */
export function registerOpenAIRoutes(app: FastifyInstance, rt: GatewayRuntime): void {
  app.post(
    "/v1/chat/completions",
    dataPlaneRoute(rt, "openai", openAISurface.errors, (ctx, req, reply) =>
      handleOpenAIChat(rt, ctx, req.headers, req.body, reply.raw),
    ),
  );
  app.post(
    "/v1/embeddings",
    dataPlaneRoute(rt, "openai", openAISurface.errors, (ctx, req, reply) =>
      handleOpenAIEmbeddings(rt, ctx, req.headers, req.body, reply.raw),
    ),
  );
}

import type { FastifyInstance } from "fastify";
import { chatOperation } from "../chat/chat-operation.js";
import { embeddingsOperation } from "../embeddings/embeddings-operation.js";
import { openAIEmbeddingsSurface } from "../embeddings/openai-embeddings-surface.js";
import type { GatewayRuntime } from "../gateway-runtime.js";
import { dataPlaneRoute } from "../pipeline/run-pipeline.js";
import { openAISurface } from "./openai-surface.js";

/**
 * The OpenAI surface: POST /v1/chat/completions and POST /v1/embeddings. (GET /v1/models is shared:
 * see models-route.ts.)
 * @see https://platform.openai.com/docs/api-reference/chat/create
 * @see https://platform.openai.com/docs/api-reference/embeddings/create
 */
export function registerOpenAIRoutes(app: FastifyInstance, rt: GatewayRuntime): void {
  const chat = chatOperation(openAISurface);
  const embeddings = embeddingsOperation(openAIEmbeddingsSurface);
  app.post(
    "/v1/chat/completions",
    dataPlaneRoute(rt, openAISurface, () => chat),
  );
  app.post(
    "/v1/embeddings",
    dataPlaneRoute(rt, openAISurface, () => embeddings),
  );
}

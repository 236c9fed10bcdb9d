import { encodeAnthropicModelList, encodeGeminiModelList, encodeOpenAIModelList } from "@gatehouse/protocol";
import type { FastifyInstance } from "fastify";
import { anthropicSurface } from "./anthropic/anthropic-surface.js";
import type { GatewayRuntime } from "./gateway-runtime.js";
import { geminiSurface } from "./gemini/gemini-surface.js";
import { modelListOperation } from "./local/model-list-operation.js";
import { openAISurface } from "./openai/openai-surface.js";
import { dataPlaneRoute } from "./pipeline/run-pipeline.js";

/**
 * The model lists: GET /v1/models in OpenAI's shape, or in Anthropic's when the anthropic-version header
 * is present (Anthropic SDKs always send it); GET /v1beta/models in Gemini's shape.
 * @see https://platform.openai.com/docs/api-reference/models/list
 * @see https://docs.anthropic.com/en/api/models-list
 * @see https://ai.google.dev/api/models#method:-models.list
 */
export function registerModelRoutes(app: FastifyInstance, rt: GatewayRuntime): void {
  const openai = modelListOperation(openAISurface, (models) =>
    encodeOpenAIModelList(
      models.map((m) => ({ id: m.name, created: Math.floor(m.createdAt / 1000), ownedBy: "gatehouse" })),
    ),
  );
  const anthropic = modelListOperation(anthropicSurface, (models) =>
    encodeAnthropicModelList(
      models.map((m) => ({ id: m.name, displayName: m.name, createdAt: m.createdAt })),
    ),
  );
  const gemini = modelListOperation(geminiSurface, (models) =>
    encodeGeminiModelList(
      models.map((m) => ({
        id: m.name,
        inputTokenLimit: m.contextWindow ?? undefined,
        outputTokenLimit: m.maxOutputTokens ?? undefined,
      })),
    ),
  );
  app.get(
    "/v1/models",
    dataPlaneRoute(rt, openAISurface, (req) => (req.headers["anthropic-version"] ? anthropic : openai)),
  );
  app.get(
    "/v1beta/models",
    dataPlaneRoute(rt, geminiSurface, () => gemini),
  );
}

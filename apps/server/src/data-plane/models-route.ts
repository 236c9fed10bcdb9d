import { encodeAnthropicModelList, encodeGeminiModelList, encodeOpenAIModelList } from "@gatehouse/protocol";
import type { FastifyInstance, FastifyRequest } from "fastify";
import type { Model } from "../domain/model.js";
import { anthropicSurface } from "./anthropic/anthropic-surface.js";
import type { GatewayRuntime } from "./gateway-runtime.js";
import { geminiSurface } from "./gemini/gemini-surface.js";
import { modelGetOperation } from "./local/model-get-operation.js";
import { modelListOperation } from "./local/model-list-operation.js";
import { openAISurface } from "./openai/openai-surface.js";
import type { Operation } from "./operation.js";
import { dataPlaneRoute } from "./pipeline/run-pipeline.js";

/**
 * The model lists and single models: GET /v1/models and /v1/models/{model} in OpenAI's shape, or in
 * Anthropic's when the anthropic-version header is present (Anthropic SDKs always send it);
 * GET /v1beta/models and /v1beta/models/{model} in Gemini's.
 * @see https://platform.openai.com/docs/api-reference/models
 * @see https://docs.anthropic.com/en/api/models-list
 * @see https://ai.google.dev/api/models
 */
export function registerModelRoutes(app: FastifyInstance, rt: GatewayRuntime): void {
  const openai = (models: Model[], names = models.map((m) => m.name)) =>
    encodeOpenAIModelList(
      models.map((m, i) => ({
        id: names[i]!,
        created: Math.floor(m.createdAt / 1000),
        ownedBy: "gatehouse",
      })),
    );
  // The encoder reads a number as unix seconds; a Date carries our milliseconds unambiguously.
  const anthropic = (models: Model[], names = models.map((m) => m.name)) =>
    encodeAnthropicModelList(
      models.map((m, i) => ({ id: names[i]!, displayName: names[i]!, createdAt: new Date(m.createdAt) })),
    );
  const gemini = (models: Model[], names = models.map((m) => m.name)) =>
    encodeGeminiModelList(
      models.map((m, i) => ({
        id: names[i]!,
        inputTokenLimit: m.contextWindow ?? undefined,
        outputTokenLimit: m.maxOutputTokens ?? undefined,
      })),
    );
  const byVersionHeader =
    (ifAnthropic: Operation<undefined>, otherwise: Operation<undefined>) => (req: FastifyRequest) =>
      req.headers["anthropic-version"] ? ifAnthropic : otherwise;

  app.get(
    "/v1/models",
    dataPlaneRoute(
      rt,
      openAISurface,
      byVersionHeader(
        modelListOperation(anthropicSurface, anthropic),
        modelListOperation(openAISurface, openai),
      ),
    ),
  );
  app.get(
    "/v1/models/*",
    dataPlaneRoute(
      rt,
      openAISurface,
      byVersionHeader(
        modelGetOperation(anthropicSurface, (m, name) => anthropic([m], [name]).data[0]),
        modelGetOperation(openAISurface, (m, name) => openai([m], [name]).data[0]),
      ),
    ),
  );
  const geminiList = modelListOperation(geminiSurface, gemini);
  const geminiGet = modelGetOperation(geminiSurface, (m, name) => gemini([m], [name]).models[0]);
  app.get(
    "/v1beta/models",
    dataPlaneRoute(rt, geminiSurface, () => geminiList),
  );
  app.get(
    "/v1beta/models/*",
    dataPlaneRoute(rt, geminiSurface, () => geminiGet),
  );
}

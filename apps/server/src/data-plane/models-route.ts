import {
  encodeAnthropicModelList,
  encodeGeminiModelList,
  encodeOpenAIModelList,
  GatewayError,
} from "@gatehouse/protocol";
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import type { Model } from "../store/store-types.js";
import { anthropicSurface } from "./anthropic/anthropic-surface.js";
import type { ChatSurface } from "./chat-surface.js";
import type { GatewayRuntime } from "./gateway-runtime.js";
import { geminiSurface } from "./gemini/gemini-surface.js";
import { openAISurface } from "./openai/openai-surface.js";
import { presentedKey } from "./presented-key.js";

/**
 * The model lists: GET /v1/models in OpenAI's shape, or in Anthropic's when the anthropic-version header
 * is present (Anthropic SDKs always send it); GET /v1beta/models in Gemini's shape.
 * @see https://platform.openai.com/docs/api-reference/models/list
 * @see https://docs.anthropic.com/en/api/models-list
 * @see https://ai.google.dev/api/models#method:-models.list
 */
export function registerModelRoutes(app: FastifyInstance, rt: GatewayRuntime): void {
  const list = async (
    req: FastifyRequest,
    reply: FastifyReply,
    surface: ChatSurface,
    keyOverride?: string,
  ) => {
    try {
      const key = await rt.keys.resolve(keyOverride ?? presentedKey(req.headers));
      return reply.send(encodeList(surface, rt.catalog.list(key.tenantId)));
    } catch (err) {
      const e = err instanceof GatewayError ? err : new GatewayError("internal_error");
      return reply.code(e.status).send(surface.errors.body(e));
    }
  };
  app.get("/v1/models", (req, reply) =>
    list(req, reply, req.headers["anthropic-version"] ? anthropicSurface : openAISurface),
  );
  app.get("/v1beta/models", (req, reply) => {
    const key = (req.query as Record<string, unknown>).key;
    return list(req, reply, geminiSurface, typeof key === "string" ? key : undefined);
  });
}

function encodeList(surface: ChatSurface, models: Model[]): unknown {
  if (surface.name === "anthropic") {
    return encodeAnthropicModelList(
      models.map((m) => ({ id: m.name, displayName: m.name, createdAt: m.createdAt })),
    );
  }
  if (surface.name === "gemini") {
    return encodeGeminiModelList(
      models.map((m) => ({
        id: m.name,
        inputTokenLimit: m.contextWindow ?? undefined,
        outputTokenLimit: m.maxOutputTokens ?? undefined,
      })),
    );
  }
  return encodeOpenAIModelList(
    models.map((m) => ({ id: m.name, created: Math.floor(m.createdAt / 1000), ownedBy: "gatehouse" })),
  );
}

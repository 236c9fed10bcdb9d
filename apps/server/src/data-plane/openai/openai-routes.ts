import { GatewayError, toGatewayError, writeSse } from "@gatehouse/protocol";
import type { FastifyInstance } from "fastify";
import { completeRequest } from "../complete-request.js";
import type { GatewayRuntime } from "../gateway-runtime.js";
import { presentedKey } from "../presented-key.js";
import { newRequestContext } from "../request-context.js";
import { type ErrorRenderer, sendSurfaceError } from "../surface-error.js";
import { handleOpenAIChat } from "./openai-chat-handler.js";
import { openAIErrorBody } from "./openai-error-shape.js";

/** OpenAI's error shapes: the JSON body, and the `data: {"error":...}` event mid-stream. */
export const openAIErrors: ErrorRenderer = {
  body: openAIErrorBody,
  streamEvent: (err) => writeSse({ data: JSON.stringify(openAIErrorBody(err)) }),
};

/**
 * The OpenAI surface: POST /v1/chat/completions and GET /v1/models.
 * The handlers write to the raw response (hijacked) so streams flush chunk by chunk with no framework
 * buffering, and so the one log line and the usage record are written when the stream really ends.
 */
export function registerOpenAIRoutes(app: FastifyInstance, rt: GatewayRuntime): void {
  app.post("/v1/chat/completions", async (req, reply) => {
    reply.hijack();
    req.selfLogged = true;
    const ctx = newRequestContext(rt.newId(), "openai", req.method, req.url, rt.now());
    let unexpected: unknown;
    try {
      await handleOpenAIChat(rt, ctx, req.headers, req.body, reply.raw);
    } catch (err) {
      if (!(err instanceof GatewayError)) unexpected = err;
      sendSurfaceError(ctx, reply.raw, toGatewayError(err), openAIErrors);
    } finally {
      completeRequest(rt, ctx, unexpected);
    }
  });

  app.get("/v1/models", async (req, reply) => {
    const key = await rt.keys.resolve(presentedKey(req.headers));
    const data = rt.catalog.list(key.tenantId).map((m) => ({
      id: m.name,
      object: "model",
      created: Math.floor(m.createdAt / 1000),
      owned_by: "gatehouse",
    }));
    return reply.send({ object: "list", data });
  });
}

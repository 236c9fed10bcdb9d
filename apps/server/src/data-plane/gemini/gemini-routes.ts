import { decodeGeminiRequest, encodeGeminiCountTokensResponse, GatewayError } from "@gatehouse/protocol";
import type { FastifyInstance, FastifyRequest } from "fastify";
import { estimateTokens } from "../../metering/estimate-tokens.js";
import { dataPlaneRoute } from "../data-plane-route.js";
import { handleGeminiEmbeddings } from "../embeddings/handle-gemini-embeddings.js";
import { forwardChat } from "../forward-chat.js";
import type { GatewayRuntime } from "../gateway-runtime.js";
import { promptCharsOf } from "../prompt-chars-of.js";
import { readJsonBody } from "../read-json-body.js";
import { routeRequest } from "../route-request.js";
import { geminiSurface } from "./gemini-surface.js";
import { parseGeminiPath } from "./parse-gemini-path.js";

/** Gemini clients send the key as x-goog-api-key or as ?key= (redacted from logs). */
function queryKey(req: FastifyRequest): string | undefined {
  const key = (req.query as Record<string, unknown> | undefined)?.key;
  return typeof key === "string" ? key : undefined;
}

/**
 * The Gemini surface: POST /v1beta/models/{model}:generateContent, :streamGenerateContent?alt=sse and
 * :countTokens; :embedContent and :batchEmbedContents go to the embeddings handler.
 * @see https://ai.google.dev/api/generate-content
 * @see https://ai.google.dev/api/tokens
 * @see https://ai.google.dev/api/embeddings
 */
export function registerGeminiRoutes(app: FastifyInstance, rt: GatewayRuntime): void {
  app.post(
    "/v1beta/models/*",
    dataPlaneRoute(rt, "gemini", geminiSurface.errors, async (ctx, req, reply) => {
      const { model, method } = parseGeminiPath((req.params as { "*": string })["*"]);
      if (method === "embedContent" || method === "batchEmbedContents") {
        const call = { model, method, headers: req.headers, body: req.body, queryKey: queryKey(req) };
        return handleGeminiEmbeddings(rt, ctx, call, reply.raw);
      }
      const stream = method === "streamGenerateContent";
      if (stream && (req.query as Record<string, unknown>).alt !== "sse") {
        throw new GatewayError("invalid_request", "streamGenerateContent is served as SSE: add ?alt=sse.", {
          param: "alt",
        });
      }
      const ir = decodeGeminiRequest(readJsonBody(req.body), model, stream);
      ctx.requestedModel = model;
      ctx.stream = stream;
      await routeRequest(rt, ctx, req.headers, model, queryKey(req));
      if (method === "countTokens") {
        reply.raw.writeHead(200, { "content-type": "application/json", "x-gatehouse-request-id": ctx.id });
        reply.raw.end(JSON.stringify(encodeGeminiCountTokensResponse(estimateTokens(promptCharsOf(ir)))));
        return;
      }
      await forwardChat(rt, ctx, geminiSurface, ir, req.body as Buffer, req.headers, reply.raw);
    }),
  );
}

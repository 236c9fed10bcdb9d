import {
  decodeGeminiCountTokensRequestWithWarnings,
  encodeGeminiCountTokensResponse,
} from "@gatehouse/protocol";
import type { FastifyInstance, FastifyRequest } from "fastify";
import { chatOperation } from "../chat/chat-operation.js";
import { embeddingsOperation } from "../embeddings/embeddings-operation.js";
import { geminiEmbeddingsSurfaces } from "../embeddings/gemini-embeddings-surface.js";
import type { GatewayRuntime } from "../gateway-runtime.js";
import { countTokensOperation } from "../local/count-tokens-operation.js";
import type { Operation } from "../operation.js";
import { dataPlaneRoute } from "../pipeline/run-pipeline.js";
import { geminiSurface } from "./gemini-surface.js";
import { type GeminiMethod, parseGeminiPath } from "./parse-gemini-path.js";

/**
 * The Gemini surface: POST /v1beta/models/{model}:generateContent, :streamGenerateContent?alt=sse,
 * :countTokens (a gateway estimate), :embedContent and :batchEmbedContents — one path, the operation
 * chosen by the method after the colon.
 * @see https://ai.google.dev/api/generate-content
 * @see https://ai.google.dev/api/tokens
 * @see https://ai.google.dev/api/embeddings
 */
export function registerGeminiRoutes(app: FastifyInstance, rt: GatewayRuntime): void {
  const chat = chatOperation(geminiSurface);
  const ops: Record<GeminiMethod, Operation<unknown>> = {
    generateContent: chat as Operation<unknown>,
    streamGenerateContent: chat as Operation<unknown>,
    countTokens: countTokensOperation(geminiSurface, {
      decode: (json, input) =>
        decodeGeminiCountTokensRequestWithWarnings(json, parseGeminiPath(input.params["*"] ?? "").model)
          .request,
      encode: encodeGeminiCountTokensResponse,
    }) as Operation<unknown>,
    embedContent: embeddingsOperation(geminiEmbeddingsSurfaces.embedContent) as Operation<unknown>,
    batchEmbedContents: embeddingsOperation(
      geminiEmbeddingsSurfaces.batchEmbedContents,
    ) as Operation<unknown>,
  };
  const pick = (req: FastifyRequest) => ops[parseGeminiPath((req.params as { "*": string })["*"]).method];
  app.post("/v1beta/models/*", dataPlaneRoute(rt, geminiSurface, pick));
}

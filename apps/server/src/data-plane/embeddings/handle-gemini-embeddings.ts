import type { IncomingHttpHeaders, ServerResponse } from "node:http";
import { decodeGeminiBatchEmbedRequest, decodeGeminiEmbedContentRequest } from "@gatehouse/protocol";
import type { GatewayRuntime } from "../gateway-runtime.js";
import { readJsonBody } from "../read-json-body.js";
import type { RequestContext } from "../request-context.js";
import { routeRequest } from "../route-request.js";
import { forwardEmbeddings } from "./forward-embeddings.js";
import { type GeminiEmbedMethod, geminiEmbeddingsSurfaces } from "./gemini-embeddings-surface.js";

/** One Gemini embeddings call as the Gemini route parsed it. */
export interface GeminiEmbedCall {
  /** The model of the path, without `models/`. */
  model: string;
  method: GeminiEmbedMethod;
  headers: IncomingHttpHeaders;
  body: unknown;
  /** The `?key=` query parameter, when the client sent its key that way. */
  queryKey?: string;
}

/**
 * POST /v1beta/models/{model}:embedContent and :batchEmbedContents: decode (fields only Google's models
 * understand are dropped with a warning when converting), authenticate and route, then forward.
 * @see https://ai.google.dev/api/embeddings
 */
export async function handleGeminiEmbeddings(
  rt: GatewayRuntime,
  ctx: RequestContext,
  call: GeminiEmbedCall,
  res: ServerResponse,
): Promise<void> {
  const body = readJsonBody(call.body);
  const warnings: string[] = [];
  const ir =
    call.method === "embedContent"
      ? decodeGeminiEmbedContentRequest(body, call.model, warnings)
      : decodeGeminiBatchEmbedRequest(body, call.model, warnings);
  ctx.requestedModel = ir.model;
  await routeRequest(rt, ctx, call.headers, ir.model, call.queryKey);
  await forwardEmbeddings(
    rt,
    ctx,
    geminiEmbeddingsSurfaces[call.method],
    ir,
    call.body as Buffer,
    res,
    warnings,
  );
}

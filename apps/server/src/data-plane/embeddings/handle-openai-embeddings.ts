import type { IncomingHttpHeaders, ServerResponse } from "node:http";
import { decodeOpenAIEmbeddingsRequest } from "@gatehouse/protocol";
import type { GatewayRuntime } from "../gateway-runtime.js";
import { readJsonBody } from "../read-json-body.js";
import type { RequestContext } from "../request-context.js";
import { routeRequest } from "../route-request.js";
import { forwardEmbeddings } from "./forward-embeddings.js";
import { openAIEmbeddingsSurface } from "./openai-embeddings-surface.js";

/**
 * POST /v1/embeddings: decode (a bad body is a 400 before any lookup), authenticate and route, then
 * forward — a passthrough to an OpenAI-compatible upstream, a conversion to any other.
 * @see https://platform.openai.com/docs/api-reference/embeddings/create
 */
export async function handleOpenAIEmbeddings(
  rt: GatewayRuntime,
  ctx: RequestContext,
  headers: IncomingHttpHeaders,
  rawBody: unknown,
  res: ServerResponse,
): Promise<void> {
  const ir = decodeOpenAIEmbeddingsRequest(readJsonBody(rawBody));
  ctx.requestedModel = ir.model;
  await routeRequest(rt, ctx, headers, ir.model);
  await forwardEmbeddings(rt, ctx, openAIEmbeddingsSurface, ir, rawBody as Buffer, res);
}

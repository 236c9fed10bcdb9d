import type { ServerResponse } from "node:http";
import { GatewayError, type IrEmbeddingsRequest } from "@gatehouse/protocol";
import { adapterFor } from "../../providers/adapter-for.js";
import type { EmbeddingsAdapter, ProviderAdapter } from "../../providers/provider-adapter.js";
import { classifyNetworkError } from "../../upstream/classify-network-error.js";
import { markClientGone } from "../client-gone.js";
import { dispatchUpstream } from "../dispatch-upstream.js";
import type { GatewayRuntime } from "../gateway-runtime.js";
import type { RequestContext } from "../request-context.js";
import { responseHeaders } from "../response-headers.js";
import { recordPending } from "../route-request.js";
import { embeddingsInputChars } from "./embeddings-input-chars.js";
import type { EmbeddingsSurface } from "./embeddings-surface.js";
import { settleEmbeddingsUsage } from "./settle-embeddings-usage.js";

/**
 * Forwards a decoded, routed embeddings request and answers in the client's protocol. Same protocol on
 * both sides: the client's body goes up (model renamed) and the upstream's bytes come back, usage read
 * off them. Otherwise: IR → upstream format, upstream answer → IR → client format. A provider without
 * an embeddings API is refused with a 400 before anything is recorded or sent.
 *
 * @example
 * await routeRequest(rt, ctx, headers, ir.model);
 * await forwardEmbeddings(rt, ctx, openAIEmbeddingsSurface, ir, rawBody, reply.raw);
 */
export async function forwardEmbeddings(
  rt: GatewayRuntime,
  ctx: RequestContext,
  surface: EmbeddingsSurface,
  ir: IrEmbeddingsRequest,
  raw: Buffer,
  res: ServerResponse,
  decodeWarnings: readonly string[] = [],
): Promise<void> {
  const candidate = ctx.candidate!;
  const adapter = adapterFor(candidate.target.kind);
  const embeddings = embeddingsOf(adapter, ctx);
  const passthrough = adapter.protocol === surface.protocol && embeddings.passthroughRequest !== undefined;
  const up = passthrough
    ? embeddings.passthroughRequest!(raw, candidate.upstreamModel, candidate.target, surface.method)
    : embeddings.request(ir, candidate.upstreamModel, candidate.target);
  const warnings = passthrough ? up.warnings : [...decodeWarnings, ...up.warnings];
  const chars = embeddingsInputChars(ir.input);
  await recordPending(rt, ctx);
  const dispatched = await dispatchUpstream(rt, ctx, up, res);
  if (!dispatched) return markClientGone(ctx, chars);
  const { response } = dispatched;
  try {
    if (response.statusCode >= 400) {
      throw adapter.decodeError(response.statusCode, await response.body.text(), response.headers, rt.now());
    }
    const bytes = Buffer.from(await response.body.arrayBuffer());
    const json = parseUpstreamJson(bytes, candidate.target.name);
    let out: Buffer | string;
    if (passthrough) {
      settleEmbeddingsUsage(ctx, surface.reportedInputTokens(json), ir.input);
      out = bytes;
    } else {
      const answer = embeddings.decodeResponse(json, ctx.requestedModel!);
      if (answer.vectors.length !== ir.input.length) {
        throw new GatewayError(
          "upstream_error",
          `Upstream provider '${candidate.target.name}' sent ${answer.vectors.length} embeddings for ${ir.input.length} inputs.`,
        );
      }
      const inputTokens = settleEmbeddingsUsage(ctx, answer.inputTokens, ir.input);
      out = JSON.stringify(surface.encodeResponse({ ...answer, inputTokens }, ir, ctx.requestedModel!));
    }
    ctx.ttfbMs = rt.now() - ctx.startedAt;
    res.writeHead(200, responseHeaders(ctx, "application/json", warnings));
    res.end(out);
  } catch (err) {
    if (dispatched.signal.aborted && !res.writableEnded) return markClientGone(ctx, chars);
    throw err instanceof GatewayError ? err : classifyNetworkError(err, candidate.target.name);
  } finally {
    dispatched.release();
  }
}

/** The routed provider's embeddings API, or the caller's 400 when its kind has none (Anthropic). */
function embeddingsOf(adapter: ProviderAdapter, ctx: RequestContext): EmbeddingsAdapter {
  if (adapter.embeddings) return adapter.embeddings;
  const target = ctx.candidate!.target;
  throw new GatewayError(
    "invalid_request",
    `The model '${ctx.requestedModel}' is served by provider '${target.name}' (${target.kind}), which has no embeddings API.`,
    { param: "model" },
  );
}

function parseUpstreamJson(bytes: Buffer, provider: string): unknown {
  try {
    return JSON.parse(bytes.toString("utf8"));
  } catch {
    throw new GatewayError("upstream_error", `Upstream provider '${provider}' sent a body that is not JSON.`);
  }
}

import type { IncomingHttpHeaders, ServerResponse } from "node:http";
import { GatewayError, type IrChatRequest, type IrStreamEvent, toGatewayError } from "@gatehouse/protocol";
import { prefetchRouteImages } from "../media/prefetch-route-images.js";
import { estimateTokens } from "../metering/estimate-tokens.js";
import { StreamMeter } from "../metering/stream-meter.js";
import { adapterFor } from "../providers/adapter-for.js";
import type { ProviderAdapter, UpstreamRequest } from "../providers/provider-adapter.js";
import { readRequestOverrides } from "../resilience/read-request-overrides.js";
import type { Candidate } from "../routing/model-catalog.js";
import { classifyNetworkError } from "../upstream/classify-network-error.js";
import { createFrameReader } from "../upstream/frame-reader.js";
import type { ChatSurface } from "./chat-surface.js";
import { checkCapabilities } from "./check-capabilities.js";
import { estimateUsage, markClientGone } from "./client-gone.js";
import { type Dispatched, deadlineReason } from "./dispatch-upstream.js";
import { type CandidateCall, dispatchWithFallback } from "./dispatch-with-fallback.js";
import { enforceParamPolicy } from "./enforce-param-policy.js";
import { everyReachableCandidate } from "./fallback-plan.js";
import type { GatewayRuntime } from "./gateway-runtime.js";
import { promptCharsOf } from "./prompt-chars-of.js";
import type { RequestContext } from "./request-context.js";
import { responseHeaders } from "./response-headers.js";
import { takeGatehouseField } from "./take-gatehouse-field.js";
import { writeWithBackpressure } from "./write-with-backpressure.js";

/**
 * Forwards a decoded chat request to the routed deployment and answers in the client's protocol.
 * Same protocol on both sides: the client's bytes go up and the upstream's bytes come back, with usage
 * tapped through the upstream's stream decoder. Otherwise: IR → upstream format, and upstream answer →
 * IR → client format, streams event by event.
 */
export async function forwardChat(
  rt: GatewayRuntime,
  ctx: RequestContext,
  surface: ChatSurface,
  ir: IrChatRequest,
  raw: Buffer,
  headers: IncomingHttpHeaders,
  res: ServerResponse,
): Promise<void> {
  // Routing overrides: x-gatehouse-* headers and the body's `gatehouse` field, which never goes upstream.
  const own = takeGatehouseField(raw);
  ctx.overrides ??= readRequestOverrides(headers, own.field);
  const clientBytes = own.raw;
  checkCapabilities(ir, ctx.route!.model, estimateTokens(promptCharsOf(ir)));
  // Image URLs a reachable deployment (fallback models' too) needs as bytes are fetched before dispatch:
  // build is synchronous.
  const reachable: Candidate[] = [];
  everyReachableCandidate(rt, ctx, (c) => reachable.push(c) > 0);
  const images = await prefetchRouteImages(rt.imageFetcher, ir, reachable, surface.protocol);
  const build = (c: Candidate): CandidateCall => {
    const adapter = adapterFor(c.target.kind);
    const now = rt.now();
    const up =
      adapter.protocol === surface.protocol
        ? withClientHeaders(
            adapter.passthroughRequest(clientBytes, c.upstreamModel, ir.stream, c.target, now),
            surface,
            headers,
          )
        : adapter.chatRequest(images.irFor(adapter), c.upstreamModel, c.target, now);
    enforceParamPolicy(up.warnings, (ctx.servedRoute ?? ctx.route!).model);
    warnings = up.warnings;
    return { up, decodeError: adapter.decodeError };
  };
  let warnings: string[] = [];
  const dispatched = await dispatchWithFallback(rt, ctx, res, build);
  if (!dispatched) return markClientGone(ctx, promptCharsOf(ir));
  const adapter = adapterFor(ctx.candidate!.target.kind);
  const passthrough = adapter.protocol === surface.protocol;
  try {
    if (ir.stream) await relayStream(rt, ctx, surface, adapter, dispatched, res, ir, passthrough, warnings);
    else await relayJson(rt, ctx, surface, adapter, dispatched, res, passthrough, warnings);
  } catch (err) {
    if (dispatched.signal.aborted && !res.writableEnded) {
      // Past the request's deadline: a 504, or the protocol's in-stream error once streaming.
      const timeout = deadlineReason(dispatched.signal);
      if (timeout) throw timeout;
      return markClientGone(ctx, promptCharsOf(ir));
    }
    throw err instanceof GatewayError ? err : classifyNetworkError(err, ctx.candidate!.target.name);
  } finally {
    dispatched.release();
  }
}

function withClientHeaders(
  up: UpstreamRequest,
  surface: ChatSurface,
  headers: IncomingHttpHeaders,
): UpstreamRequest {
  let merged: Record<string, string> | undefined;
  for (const name of surface.passthroughHeaders) {
    const v = headers[name];
    if (typeof v !== "string") continue;
    merged ??= { ...up.headers };
    merged[name] = v;
  }
  return merged ? { ...up, headers: merged } : up;
}

async function relayJson(
  rt: GatewayRuntime,
  ctx: RequestContext,
  surface: ChatSurface,
  adapter: ProviderAdapter,
  { response }: Dispatched,
  res: ServerResponse,
  passthrough: boolean,
  warnings: string[],
): Promise<void> {
  const bytes = Buffer.from(await response.body.arrayBuffer());
  let json: unknown;
  try {
    json = JSON.parse(bytes.toString("utf8"));
  } catch {
    throw new GatewayError(
      "upstream_error",
      `Upstream provider '${ctx.candidate!.target.name}' sent a body that is not JSON.`,
    );
  }
  const answer = adapter.decodeResponse(json, response.headers);
  ctx.usage = answer.usage;
  const out = passthrough ? bytes : JSON.stringify(surface.encodeResponse(answer, ctx.requestedModel!));
  ctx.ttfbMs = rt.now() - ctx.startedAt;
  res.writeHead(200, responseHeaders(ctx, "application/json", warnings));
  res.end(out);
}

async function relayStream(
  rt: GatewayRuntime,
  ctx: RequestContext,
  surface: ChatSurface,
  adapter: ProviderAdapter,
  { response }: Dispatched,
  res: ServerResponse,
  ir: IrChatRequest,
  passthrough: boolean,
  warnings: string[],
): Promise<void> {
  const reader = createFrameReader(adapter.framing);
  const decoder = adapter.createStreamDecoder(response.headers);
  const encoder = passthrough ? undefined : surface.createStreamEncoder(ir, ctx.requestedModel!);
  const meter = new StreamMeter();
  const decode = (frames: unknown[], ending: boolean): IrStreamEvent[] => {
    const events: IrStreamEvent[] = [];
    try {
      for (const f of frames) events.push(...decoder.push(f));
      if (ending) events.push(...decoder.end());
    } catch (err) {
      const e = toGatewayError(err);
      events.push({
        type: "error",
        code: e.code === "internal_error" ? "upstream_error" : e.code,
        message: e.message,
      });
    }
    meter.observe(events);
    return events;
  };
  const encode = (events: IrStreamEvent[]): string => {
    let out = "";
    for (const ev of events) out += encoder!.push(ev);
    return out;
  };
  res.writeHead(200, responseHeaders(ctx, "text/event-stream; charset=utf-8", warnings));
  res.flushHeaders();
  try {
    for await (const chunk of response.body) {
      const events = decode(reader.push(chunk as Buffer), false);
      const out = passthrough ? (chunk as Buffer) : encode(events);
      if (out.length > 0) {
        ctx.ttfbMs ??= rt.now() - ctx.startedAt;
        await writeWithBackpressure(res, out);
      }
      if (meter.error) break;
    }
    if (!meter.error) {
      // The body ended: a stream without its end marker yields stream_interrupted here.
      const tail = decode(reader.end(), true);
      if (!passthrough) res.write(encode(tail));
      else if (meter.error) res.write(surface.errors.streamEvent(toError(meter.error)));
    }
  } finally {
    ctx.usage = meter.usage;
    if (!ctx.usage) estimateUsage(ctx, promptCharsOf(ir), meter.deliveredChars);
  }
  if (meter.error) {
    ctx.errorCode = meter.error.code;
    ctx.errorMessage = meter.error.message;
    if (meter.error.code === "stream_interrupted") ctx.interrupted = true;
  }
  res.end();
}

function toError(ev: Extract<IrStreamEvent, { type: "error" }>): GatewayError {
  return new GatewayError(ev.code, ev.message);
}

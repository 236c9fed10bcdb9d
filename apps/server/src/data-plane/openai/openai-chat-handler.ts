import type { IncomingHttpHeaders, ServerResponse } from "node:http";
import { GatewayError } from "@gatehouse/protocol";
import type { Dispatcher } from "undici";
import { estimateTokens, promptChars } from "../../metering/estimate-tokens.js";
import { OpenAIStreamTap } from "../../metering/openai-stream-tap.js";
import { readOpenAIUsage } from "../../metering/openai-usage.js";
import { classifyNetworkError } from "../../upstream/classify-network-error.js";
import { admitRequest } from "../admit-request.js";
import type { GatewayRuntime } from "../gateway-runtime.js";
import { readJsonBody } from "../read-json-body.js";
import type { RequestContext } from "../request-context.js";
import { writeWithBackpressure } from "../write-with-backpressure.js";
import { decodeOpenAIUpstreamError } from "./decode-openai-upstream-error.js";
import { openAIUpstreamBody, readOpenAIChatFacts } from "./openai-chat-facts.js";

/**
 * POST /v1/chat/completions, OpenAI client to an OpenAI-compatible upstream: decode only what routing
 * needs, authenticate, route, record pending usage, forward, then pass the answer back — the body as
 * bytes, or the stream chunk by chunk — tapping usage on the way.
 * @see https://platform.openai.com/docs/api-reference/chat/create
 */
export async function handleOpenAIChat(
  rt: GatewayRuntime,
  ctx: RequestContext,
  headers: IncomingHttpHeaders,
  rawBody: unknown,
  res: ServerResponse,
): Promise<void> {
  const body = readJsonBody(rawBody);
  const facts = readOpenAIChatFacts(body);
  ctx.requestedModel = facts.model;
  ctx.stream = facts.stream;
  const candidate = await admitRequest(rt, ctx, headers, facts.model);
  const upstreamBody = openAIUpstreamBody(rawBody as Buffer, body, facts, candidate.upstreamModel);

  const abort = new AbortController();
  const onClose = () => {
    if (!res.writableFinished) abort.abort();
  };
  res.on("close", onClose);
  const started = rt.now();
  let upstream: Dispatcher.ResponseData;
  try {
    upstream = await rt.upstream.request({
      origin: candidate.target.origin,
      path: `${candidate.target.basePath}/chat/completions`,
      method: "POST",
      headers: candidate.target.headers,
      body: upstreamBody,
      signal: abort.signal,
      headersTimeout: rt.timeouts.firstByteMs,
      bodyTimeout: rt.timeouts.idleMs,
    });
  } catch (err) {
    ctx.attempts.push({
      provider: candidate.target.name,
      deployment: candidate.deployment.id,
      status: null,
      ms: rt.now() - started,
    });
    if (abort.signal.aborted) return markClientGone(ctx, body);
    throw classifyNetworkError(err, candidate.target.name);
  }
  ctx.attempts.push({
    provider: candidate.target.name,
    deployment: candidate.deployment.id,
    status: upstream.statusCode,
    ms: rt.now() - started,
  });

  try {
    if (upstream.statusCode >= 400) {
      const text = await upstream.body.text();
      const retryAfter = upstream.headers["retry-after"];
      throw decodeOpenAIUpstreamError(
        upstream.statusCode,
        text,
        typeof retryAfter === "string" ? retryAfter : undefined,
        candidate.target.name,
      );
    }
    if (facts.stream) await relayStream(rt, ctx, upstream, res, facts.includeUsage, body);
    else await relayJson(rt, ctx, upstream, res);
  } catch (err) {
    if (abort.signal.aborted && !res.writableEnded) return markClientGone(ctx, body);
    throw err instanceof GatewayError ? err : classifyNetworkError(err, candidate.target.name);
  } finally {
    res.off("close", onClose);
  }
}

async function relayJson(
  rt: GatewayRuntime,
  ctx: RequestContext,
  upstream: Dispatcher.ResponseData,
  res: ServerResponse,
) {
  const bytes = Buffer.from(await upstream.body.arrayBuffer());
  try {
    ctx.usage = readOpenAIUsage((JSON.parse(bytes.toString("utf8")) as { usage?: unknown }).usage);
  } catch {
    throw new GatewayError(
      "upstream_error",
      `Upstream provider '${ctx.candidate?.target.name}' sent a body that is not JSON.`,
    );
  }
  ctx.ttfbMs = rt.now() - ctx.startedAt;
  res.writeHead(200, responseHeaders(ctx, "application/json"));
  res.end(bytes);
}

async function relayStream(
  rt: GatewayRuntime,
  ctx: RequestContext,
  upstream: Dispatcher.ResponseData,
  res: ServerResponse,
  clientWantsUsage: boolean,
  body: Record<string, unknown>,
) {
  const tap = new OpenAIStreamTap(!clientWantsUsage);
  res.writeHead(200, responseHeaders(ctx, "text/event-stream; charset=utf-8"));
  res.flushHeaders();
  try {
    for await (const chunk of upstream.body) {
      const out = tap.push(chunk as Buffer);
      if (out.length === 0) continue;
      ctx.ttfbMs ??= rt.now() - ctx.startedAt;
      await writeWithBackpressure(res, out);
    }
    const tail = tap.end();
    if (tail) res.write(tail);
  } finally {
    ctx.usage = tap.usage;
    if (!tap.usage) estimateUsage(ctx, body, tap.deliveredChars);
  }
  if (!tap.done) {
    throw new GatewayError(
      "stream_interrupted",
      `Upstream provider '${ctx.candidate?.target.name}' ended the stream before it was complete.`,
    );
  }
  if (tap.upstreamError) ctx.errorCode = "upstream_error";
  res.end();
}

function estimateUsage(ctx: RequestContext, body: Record<string, unknown>, deliveredChars: number): void {
  ctx.usage = {
    inputTokens: estimateTokens(promptChars(body.messages)),
    outputTokens: estimateTokens(deliveredChars),
  };
  ctx.usageEstimated = true;
}

function markClientGone(ctx: RequestContext, body: Record<string, unknown>): void {
  ctx.interrupted = true;
  ctx.status = 499;
  ctx.errorCode = "client_closed";
  if (!ctx.usage) estimateUsage(ctx, body, 0);
}

function responseHeaders(ctx: RequestContext, contentType: string): Record<string, string> {
  const h: Record<string, string> = {
    "content-type": contentType,
    "x-gatehouse-request-id": ctx.id,
  };
  if (ctx.candidate) h["x-gatehouse-provider"] = ctx.candidate.target.name;
  if (contentType.startsWith("text/event-stream")) {
    h["cache-control"] = "no-cache";
    h["x-accel-buffering"] = "no";
  }
  return h;
}

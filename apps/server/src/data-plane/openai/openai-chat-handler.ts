import type { IncomingHttpHeaders, ServerResponse } from "node:http";
import { decodeOpenAIError, decodeOpenAIRequest, GatewayError } from "@gatehouse/protocol";
import type { Dispatcher } from "undici";
import { promptChars } from "../../metering/estimate-tokens.js";
import { OpenAIStreamTap } from "../../metering/openai-stream-tap.js";
import { readOpenAIUsage } from "../../metering/openai-usage.js";
import { readRequestOverrides } from "../../resilience/read-request-overrides.js";
import type { Candidate } from "../../routing/model-catalog.js";
import { classifyNetworkError } from "../../upstream/classify-network-error.js";
import { estimateUsage, markClientGone } from "../client-gone.js";
import { deadlineReason } from "../dispatch-upstream.js";
import { type CandidateCall, dispatchWithFallback } from "../dispatch-with-fallback.js";
import { everyReachableCandidate } from "../fallback-plan.js";
import { forwardChat } from "../forward-chat.js";
import type { GatewayRuntime } from "../gateway-runtime.js";
import { readJsonBody } from "../read-json-body.js";
import type { RequestContext } from "../request-context.js";
import { responseHeaders } from "../response-headers.js";
import { routeRequest } from "../route-request.js";
import { takeGatehouseField } from "../take-gatehouse-field.js";
import { writeWithBackpressure } from "../write-with-backpressure.js";
import { checkOpenAIChatBody } from "./check-openai-chat-body.js";
import { type OpenAIChatFacts, openAIUpstreamBody, readOpenAIChatFacts } from "./openai-chat-facts.js";
import { openAISurface } from "./openai-surface.js";

/**
 * POST /v1/chat/completions. To an OpenAI-compatible upstream it is a passthrough: decode only what
 * routing needs, forward the client's bytes, relay the answer as bytes or chunk by chunk, tapping usage.
 * To any other upstream the request goes through the IR (forwardChat).
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
  await routeRequest(rt, ctx, headers, facts.model);
  // Routing overrides: x-gatehouse-* headers and the body's `gatehouse` field, which never goes upstream
  // (the bytes are rewritten only when the field is there).
  const own = takeGatehouseField(rawBody as Buffer, body);
  ctx.overrides = readRequestOverrides(headers, own.field);
  const raw = own.raw;
  const sent = own.body ?? body;
  // The byte-for-byte path needs every deployment the request may reach — fallback models' included — to
  // speak OpenAI; a chain that mixes protocols goes through the IR, each attempt encoded for its deployment.
  if (!everyReachableCandidate(rt, ctx, (c) => c.target.kind === "openai")) {
    return forwardChat(rt, ctx, openAISurface, decodeOpenAIRequest(sent), raw, headers, res);
  }
  checkOpenAIChatBody(body, ctx.route!.model);
  const dispatched = await dispatchWithFallback(rt, ctx, res, (c) => openAICall(c, raw, sent, facts));
  if (!dispatched) return markClientGone(ctx, promptChars(body.messages));
  const upstream = dispatched.response;
  try {
    if (facts.stream) await relayStream(rt, ctx, upstream, res, facts.includeUsage, body);
    else await relayJson(rt, ctx, upstream, res);
  } catch (err) {
    if (dispatched.signal.aborted && !res.writableEnded) {
      // Past the request's deadline: a 504, or the in-stream error event once streaming.
      const timeout = deadlineReason(dispatched.signal);
      if (timeout) throw timeout;
      return markClientGone(ctx, promptChars(body.messages));
    }
    throw err instanceof GatewayError ? err : classifyNetworkError(err, ctx.candidate!.target.name);
  } finally {
    dispatched.release();
  }
}

/** The call to one OpenAI-compatible candidate: the client's bytes, renamed or asking for usage if needed. */
function openAICall(
  c: Candidate,
  raw: Buffer,
  body: Record<string, unknown>,
  facts: OpenAIChatFacts,
): CandidateCall {
  const up = {
    path: `${c.target.basePath}/chat/completions`,
    headers: c.target.headers,
    body: openAIUpstreamBody(raw, body, facts, c.upstreamModel),
    warnings: [],
  };
  return { up, decodeError: decodeOpenAIError };
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
    if (!tap.usage) estimateUsage(ctx, promptChars(body.messages), tap.deliveredChars);
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

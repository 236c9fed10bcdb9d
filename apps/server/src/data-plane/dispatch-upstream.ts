import type { ServerResponse } from "node:http";
import type { Dispatcher } from "undici";
import type { UpstreamRequest } from "../providers/provider-adapter.js";
import { classifyNetworkError } from "../upstream/classify-network-error.js";
import type { GatewayRuntime } from "./gateway-runtime.js";
import type { RequestContext } from "./request-context.js";

/** An upstream response in flight, tied to the client's connection. */
export interface Dispatched {
  response: Dispatcher.ResponseData;
  /** Aborted when the client goes away, so the upstream read stops too. */
  signal: AbortSignal;
  /** Stops watching the client connection (call when the exchange is over). */
  release(): void;
}

/**
 * Sends one request to the chosen deployment and notes the attempt. Returns undefined when the client
 * left before the upstream answered; network failures become upstream_unreachable / upstream_timeout.
 * A target with request-time auth (an OAuth token, cached by the target) adds its headers here, so
 * every attempt, retry and fallback carries a valid one.
 */
export async function dispatchUpstream(
  rt: GatewayRuntime,
  ctx: RequestContext,
  up: UpstreamRequest,
  res: ServerResponse,
): Promise<Dispatched | undefined> {
  const candidate = ctx.candidate!;
  const abort = new AbortController();
  const onClose = () => {
    if (!res.writableFinished) abort.abort();
  };
  res.on("close", onClose);
  const release = () => res.off("close", onClose);
  const started = rt.now();
  const attempt = {
    provider: candidate.target.name,
    deployment: candidate.deployment.id,
    status: null as number | null,
    ms: 0,
  };
  ctx.attempts.push(attempt);
  try {
    const auth = await candidate.target.auth?.headers({ upstream: rt.upstream, now: started });
    const response = await rt.upstream.request({
      origin: candidate.target.origin,
      path: up.path,
      method: "POST",
      headers: auth ? { ...up.headers, ...auth } : up.headers,
      body: up.body,
      signal: abort.signal,
      headersTimeout: rt.timeouts.firstByteMs,
      bodyTimeout: rt.timeouts.idleMs,
    });
    attempt.status = response.statusCode;
    attempt.ms = rt.now() - started;
    return { response, signal: abort.signal, release };
  } catch (err) {
    attempt.ms = rt.now() - started;
    release();
    if (abort.signal.aborted) return undefined;
    throw classifyNetworkError(err, candidate.target.name);
  }
}

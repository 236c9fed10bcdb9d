import type { ServerResponse } from "node:http";
import { GatewayError } from "@gatehouse/protocol";
import type { Dispatcher } from "undici";
import type { UpstreamRequest } from "../providers/provider-adapter.js";
import { classifyNetworkError } from "../upstream/classify-network-error.js";
import { type AttemptLimits, deadlineError } from "./attempt-limits.js";
import { type AbortState, ExchangeAbort } from "./exchange-abort.js";
import type { GatewayRuntime } from "./gateway-runtime.js";
import type { RequestContext } from "./request-context.js";

/** An upstream response in flight, tied to the client's connection. */
export interface Dispatched {
  response: Dispatcher.ResponseData;
  /**
   * Aborted when the client goes away, so the upstream read stops too — or when the request's deadline
   * passes, in which case `signal.reason` is the 504 GatewayError to answer (see {@link deadlineReason}).
   */
  signal: AbortState;
  /** Stops watching the client connection (call when the exchange is over). */
  release(): void;
}

/**
 * Sends one request to the chosen deployment and notes the attempt. Returns undefined when the client
 * left before the upstream answered; network failures become upstream_unreachable / upstream_timeout.
 * A target with request-time auth (an OAuth token, cached by the target) adds its headers here, so
 * every attempt, retry and fallback carries a valid one.
 * With `limits`, the attempt has its own first-byte and idle clocks and is aborted at the request's
 * deadline (until release), throughout the streamed answer too; without, the server-wide clocks apply.
 */
export async function dispatchUpstream(
  rt: GatewayRuntime,
  ctx: RequestContext,
  up: UpstreamRequest,
  res: ServerResponse,
  limits?: AttemptLimits,
): Promise<Dispatched | undefined> {
  const candidate = ctx.candidate!;
  const abort = new ExchangeAbort();
  const onClose = () => {
    if (!res.writableFinished) abort.abort();
  };
  res.on("close", onClose);
  const timer =
    limits === undefined
      ? undefined
      : setTimeout(() => abort.abort(deadlineError(limits.totalMs)), limits.deadline - rt.now());
  const release = () => {
    res.off("close", onClose);
    clearTimeout(timer);
  };
  const started = rt.now();
  const attempt = {
    model: ctx.servedRoute?.requestedName ?? ctx.requestedModel,
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
      signal: abort.asSignal,
      headersTimeout: limits?.firstByteMs ?? rt.timeouts.firstByteMs,
      bodyTimeout: limits?.idleMs ?? rt.timeouts.idleMs,
    });
    attempt.status = response.statusCode;
    attempt.ms = rt.now() - started;
    return { response, signal: abort, release };
  } catch (err) {
    attempt.ms = rt.now() - started;
    release();
    if (abort.aborted) {
      const reason = deadlineReason(abort);
      if (reason) throw reason;
      return undefined;
    }
    throw classifyNetworkError(err, candidate.target.name);
  }
}

/**
 * Why an exchange was aborted: the deadline's 504 error, or undefined when the client went away (or it
 * was not aborted). Relays call it when reading the body fails, to answer a timeout rather than treat
 * the request as abandoned.
 */
export function deadlineReason(signal: AbortState): GatewayError | undefined {
  return signal.aborted && signal.reason instanceof GatewayError ? signal.reason : undefined;
}

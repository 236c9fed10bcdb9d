import type { GatewayError } from "@gatehouse/protocol";
import type { Dispatcher } from "undici";
import { isDeploymentFailure } from "../../resilience/is-deployment-failure.js";
import { classifyNetworkError } from "../../upstream/classify-network-error.js";
import type { GatewayRuntime } from "../gateway-runtime.js";
import type { Attempt } from "./attempt.js";
import { type AttemptLimits, deadlineError } from "./attempt-limits.js";
import type { CandidateCall } from "./candidate-call.js";
import type { ClientResponse } from "./client-response.js";
import { deadlineReason, type Exchange } from "./exchange.js";
import { ExchangeAbort } from "./exchange-abort.js";
import type { Served } from "./outcome.js";
import type { RequestScope } from "./request-scope.js";

/** One attempt's result: an answer to relay, a classified failure, or undefined when the client left. */
export type AttemptResult = Exchange | { error: GatewayError } | undefined;

/** An upstream error body is read for its message only: past this, the rest is not buffered. */
const MAX_ERROR_BODY = 64 * 1024;

/** How long a deployment that answered 429 without a Retry-After is cooled down. */
const DEFAULT_RATE_LIMIT_COOL_DOWN_MS = 1_000;

/**
 * Sends one attempt to one deployment and records it in the scope's attempt chain. The exchange is tied
 * to the client's connection (aborted when it closes) and to the request's deadline (aborted with a 504
 * when it passes, throughout the streamed answer too); `limits` carry the attempt's first-byte and idle
 * clocks. The outcome is reported to the deployment's breaker: a success (closing it, for a request sent
 * in panic mode), a deployment failure, or — for a 429 — a cool-down for the upstream's Retry-After
 * (a rate limit is not a fault). A client's own mistakes (4xx) are neither.
 * A target with request-time auth (an OAuth token, cached by the target) adds its headers here, so every
 * attempt, retry and fallback carries a valid one. Throws the deadline's 504 if it passes first.
 */
export async function sendAttempt(
  rt: GatewayRuntime,
  scope: RequestScope,
  res: ClientResponse,
  served: Served,
  call: CandidateCall,
  limits: AttemptLimits,
  panic: boolean,
): Promise<AttemptResult> {
  const { candidate } = served;
  const id = candidate.deployment.id;
  const started = rt.now();
  const attempt: Attempt = {
    model: served.route.requestedName,
    provider: candidate.target.name,
    deployment: id,
    status: null,
    atMs: started - scope.startedAt,
    ms: 0,
  };
  if (panic) attempt.panic = true;
  scope.attempts.push(attempt);
  const exchange = openExchange(rt, res, served, limits);
  let response: Dispatcher.ResponseData;
  try {
    // A tenant-registered provider has its own, always guarded, dispatcher (see loadCatalog).
    const upstream = candidate.target.dispatcher ?? rt.upstream;
    const auth = await candidate.target.auth?.headers({ upstream, now: started });
    response = await upstream.request({
      origin: candidate.target.origin,
      path: call.up.path,
      method: "POST",
      headers: auth ? { ...call.up.headers, ...auth } : call.up.headers,
      body: call.up.body,
      signal: exchange.signal,
      headersTimeout: limits.firstByteMs,
      bodyTimeout: limits.idleMs,
    });
  } catch (err) {
    attempt.ms = rt.now() - started;
    exchange.release();
    return failed(
      rt,
      scope,
      attempt,
      abortedOr(exchange.abort, () => classifyNetworkError(err, candidate.target.name)),
    );
  }
  attempt.status = response.statusCode;
  attempt.ms = rt.now() - started;
  if (response.statusCode < 400) {
    rt.balancer.latency.record(id, attempt.ms);
    void rt.breakers.onSuccess(id, panic ? { panic } : undefined);
    return { response, served, call, abort: exchange.abort, release: exchange.release };
  }
  let text: string;
  try {
    text = await readErrorText(response.body);
  } catch (err) {
    return failed(
      rt,
      scope,
      attempt,
      // A body cut mid-read (a reset) is the upstream's failure, like any network error.
      abortedOr(exchange.abort, () => classifyNetworkError(err, candidate.target.name)),
    );
  } finally {
    exchange.release();
  }
  return failed(rt, scope, attempt, call.decodeError(response.statusCode, text, response.headers, rt.now()));
}

interface OpenExchange {
  abort: ExchangeAbort;
  signal: ExchangeAbort["asSignal"];
  release(): void;
}

/** The abort switch of an attempt: the client's close and the deadline; released once, in-flight count too. */
function openExchange(
  rt: GatewayRuntime,
  res: ClientResponse,
  served: Served,
  limits: AttemptLimits,
): OpenExchange {
  const id = served.candidate.deployment.id;
  rt.balancer.inFlight.increment(id);
  const abort = new ExchangeAbort();
  const onClose = () => {
    if (!res.writableFinished) abort.abort();
  };
  res.on("close", onClose);
  const timer = setTimeout(
    () => abort.abort(deadlineError(limits.deadline.totalMs)),
    limits.deadline.at - rt.now(),
  );
  let released = false;
  const release = () => {
    if (released) return;
    released = true;
    res.off("close", onClose);
    clearTimeout(timer);
    rt.balancer.inFlight.decrement(id);
  };
  return { abort, signal: abort.asSignal, release };
}

/** A failure after an abort: the deadline's 504 (thrown: no attempt may follow), or the client gone. */
function abortedOr(abort: ExchangeAbort, classify: () => GatewayError): GatewayError | undefined {
  if (!abort.aborted) return classify();
  const reason = deadlineReason(abort);
  if (reason) throw reason;
  return undefined;
}

/**
 * Notes a failure's code on its attempt (the console's waterfall shows it), reports it to the deployment's
 * breaker and returns it. A 429 cools the deployment down for the upstream's Retry-After instead of
 * counting as a fault. A timeout of a request that shortened its own
 * timeouts says more about the client's patience than the deployment's health: a client must not be able
 * to open a breaker for everyone by asking for 100 ms.
 */
function failed(
  rt: GatewayRuntime,
  scope: RequestScope,
  attempt: Attempt,
  error: GatewayError | undefined,
): AttemptResult {
  if (error === undefined) return undefined;
  attempt.error = error.code;
  const id = attempt.deployment;
  if (error.code === "upstream_rate_limited") {
    const seconds = error.details.retryAfterSeconds;
    void rt.breakers.coolDown(id, seconds === undefined ? DEFAULT_RATE_LIMIT_COOL_DOWN_MS : seconds * 1000);
  } else if (
    isDeploymentFailure(error) &&
    !(error.code === "upstream_timeout" && scope.overrides?.timeouts !== undefined)
  ) {
    void rt.breakers.onFailure(id);
  }
  return { error };
}

/** The text of an error answer, up to {@link MAX_ERROR_BODY} bytes (the rest is discarded, not buffered). */
async function readErrorText(body: Dispatcher.ResponseData["body"]): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of body) {
    const b = chunk as Buffer;
    const room = MAX_ERROR_BODY - size;
    chunks.push(b.length > room ? b.subarray(0, room) : b);
    size += Math.min(b.length, room);
    if (size >= MAX_ERROR_BODY) {
      body.destroy();
      break;
    }
  }
  return Buffer.concat(chunks, size).toString("utf8");
}

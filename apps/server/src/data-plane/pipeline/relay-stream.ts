import { GatewayError } from "@gatehouse/protocol";
import { estimateTokens } from "../../metering/estimate-tokens.js";
import { classifyNetworkError } from "../../upstream/classify-network-error.js";
import type { ErrorRenderer } from "../surface-error.js";
import { CLIENT_CLOSED_STATUS, estimateUsage } from "./client-gone.js";
import type { ClientResponse } from "./client-response.js";
import { deadlineReason, type Exchange } from "./exchange.js";
import { newOutcome, type Outcome } from "./outcome.js";
import type { RequestScope } from "./request-scope.js";
import { responseHeaders } from "./response-headers.js";
import type { StreamPipe } from "./stream-pipe.js";
import { writeWithBackpressure } from "./write-with-backpressure.js";

/** Errors after which a stream's answer is incomplete rather than complete with an error in it. */
const CUTTING: ReadonlySet<string> = new Set([
  "stream_interrupted",
  "upstream_timeout",
  "upstream_unreachable",
]);

/**
 * Step "relay" for a streamed answer: sends headers at once, then each upstream chunk through the pipe
 * as it arrives, waiting for the client's socket when it is full (a slow reader slows the upstream read
 * instead of growing memory). It never throws: after the first byte every failure — a cut stream, the
 * deadline, a reset, an upstream error event — ends the stream with the client protocol's own in-stream
 * error event, never its success marker (DESIGN.md invariant 4), and is told in the outcome.
 * Usage is what the upstream reported; for a stream that did not complete it is at least what was
 * delivered (estimated from characters), since a cut stream's last report (Anthropic's message_start)
 * may predate most of the output.
 */
export async function relayStream(
  scope: RequestScope,
  now: () => number,
  exchange: Exchange,
  res: ClientResponse,
  pipe: StreamPipe,
  errors: ErrorRenderer,
  warnings: readonly string[],
  promptChars: number,
): Promise<Outcome> {
  const out = newOutcome(200, exchange.served);
  res.writeHead(
    200,
    responseHeaders(
      scope.id,
      exchange.served,
      scope.attempts.length,
      "text/event-stream; charset=utf-8",
      warnings,
    ),
  );
  res.flushHeaders();
  let failure: GatewayError | undefined;
  // Characters the pipe counted that never reached the client's socket: a chunk read from the upstream
  // after the client had gone (the read races the abort) is not billed as delivered.
  let undelivered = 0;
  let clientGone = false;
  const tap = scope.capture;
  try {
    for await (const chunk of exchange.response.body) {
      const counted = pipe.deliveredChars;
      const data = pipe.push(chunk as Buffer);
      if (res.destroyed) {
        undelivered = pipe.deliveredChars - counted;
        clientGone = true;
        break;
      }
      if (data.length > 0) {
        out.ttfbMs ??= now() - scope.startedAt;
        if (tap !== undefined) tap.append(data);
        await writeWithBackpressure(res, data);
      }
      if (pipe.error !== undefined) break;
    }
    if (!clientGone && pipe.error === undefined) {
      const tail = pipe.end();
      if (tail.length > 0) {
        res.write(tail);
        if (tap !== undefined) tap.append(tail);
      }
    }
  } catch (err) {
    clientGone = exchange.abort.aborted && deadlineReason(exchange.abort) === undefined;
    if (!clientGone) {
      failure =
        deadlineReason(exchange.abort) ??
        (err instanceof GatewayError ? err : midStreamError(err, exchange.served.candidate.target.name));
    }
  } finally {
    exchange.release();
  }
  if (clientGone) {
    out.status = CLIENT_CLOSED_STATUS;
    out.errorCode = "client_closed";
  }
  const error = failure ?? pipe.error;
  if (error !== undefined && out.errorCode === undefined) {
    out.errorCode = error.code;
    out.errorMessage = error.message;
  }
  if (out.status === CLIENT_CLOSED_STATUS || (error !== undefined && CUTTING.has(error.code)))
    out.interrupted = true;
  settleStreamUsage(out, pipe, promptChars, pipe.deliveredChars - undelivered);
  if (failure !== undefined && !res.destroyed) {
    const event = pipe.errorEvent?.(failure) ?? errors.streamEvent(failure);
    res.end(event);
    if (tap !== undefined) tap.append(event);
  } else res.end();
  return out;
}

/**
 * A network failure after the upstream answered: the provider was reached, so a dropped connection is a
 * stream cut short (stream_interrupted, as a stream that ends early), not `upstream_unreachable`; a
 * stalled one stays the idle timeout's upstream_timeout.
 */
function midStreamError(err: unknown, provider: string): GatewayError {
  const classified = classifyNetworkError(err, provider);
  if (classified.code !== "upstream_unreachable") return classified;
  return new GatewayError(
    "stream_interrupted",
    `Upstream provider '${provider}' closed the connection mid-stream.`,
    { provider },
    { cause: err },
  );
}

/**
 * The stream's usage: the upstream's report when it completed; otherwise at least the output delivered
 * (`deliveredChars` written to the client's socket, estimated in tokens), on top of what was reported.
 */
function settleStreamUsage(
  out: Outcome,
  pipe: StreamPipe,
  promptChars: number,
  deliveredChars: number,
): void {
  const reported = pipe.usage;
  if (reported === undefined) {
    estimateUsage(out, promptChars, deliveredChars);
    return;
  }
  out.usage = reported;
  if (pipe.completed) return;
  const delivered = estimateTokens(deliveredChars);
  if (delivered > reported.outputTokens) {
    out.usage = { ...reported, outputTokens: delivered };
    out.usageEstimated = true;
  }
}

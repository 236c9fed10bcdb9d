import { GatewayError, type IrUsage } from "@gatehouse/protocol";
import { classifyNetworkError } from "../../upstream/classify-network-error.js";
import { clientGoneOutcome } from "./client-gone.js";
import type { ClientResponse } from "./client-response.js";
import { deadlineReason, type Exchange } from "./exchange.js";
import { newOutcome, type Outcome, type Served } from "./outcome.js";
import type { RequestScope } from "./request-scope.js";
import { responseHeaders } from "./response-headers.js";

/** What an operation makes of an upstream's JSON answer: the client's body and the usage it reports. */
export interface JsonAnswer {
  body: Buffer | string;
  usage: IrUsage | undefined;
  usageEstimated?: boolean;
}

/**
 * Step "relay" for a whole (non-streamed) answer: reads the upstream's body, lets the operation turn it
 * into the client's answer (`answer`: the same bytes on a passthrough, a conversion otherwise) and sends
 * it. Nothing has reached the client before, so a failure throws and is answered in the client's shape:
 * a body that is not JSON, or that the decoder cannot read, is an `upstream_error` naming the provider
 * and what was unexpected; the deadline is a 504. The client gone is an outcome, not an error.
 */
export async function relayJson(
  scope: RequestScope,
  now: () => number,
  exchange: Exchange,
  res: ClientResponse,
  answer: (bytes: Buffer, json: unknown) => JsonAnswer,
  warnings: readonly string[],
  promptChars: number,
): Promise<Outcome> {
  const read = await readUpstreamJson(exchange);
  if (read === undefined) return clientGoneOutcome(exchange.served, promptChars);
  const result = answerOf(read, answer, exchange.served.candidate.target.name);
  return sendJson(scope, now, exchange.served, res, result, warnings);
}

/** An upstream's whole JSON answer: its bytes and their parse. */
export interface UpstreamJson {
  bytes: Buffer;
  json: unknown;
}

/**
 * Reads an exchange's whole body as JSON, then releases the exchange. Undefined when the client left;
 * throws the deadline's 504, a network failure, or `upstream_error` for a body that is not JSON.
 */
export async function readUpstreamJson(exchange: Exchange): Promise<UpstreamJson | undefined> {
  const provider = exchange.served.candidate.target.name;
  let bytes: Buffer;
  try {
    bytes = Buffer.from(await exchange.response.body.arrayBuffer());
  } catch (err) {
    if (!exchange.abort.aborted) throw classifyNetworkError(err, provider);
    const timeout = deadlineReason(exchange.abort);
    if (timeout) throw timeout;
    return undefined;
  } finally {
    exchange.release();
  }
  try {
    return { bytes, json: JSON.parse(bytes.toString("utf8")) };
  } catch {
    throw new GatewayError(
      "upstream_error",
      `Upstream provider '${provider}' sent a body that is not JSON.`,
      {
        provider,
      },
    );
  }
}

/** Sends a whole answer (status 200) and returns its outcome. */
export function sendJson(
  scope: RequestScope,
  now: () => number,
  served: Served,
  res: ClientResponse,
  result: JsonAnswer,
  warnings: readonly string[],
): Outcome {
  const out = newOutcome(200, served);
  out.usage = result.usage;
  out.usageEstimated = result.usageEstimated === true;
  out.ttfbMs = now() - scope.startedAt;
  res.writeHead(200, responseHeaders(scope.id, served, scope.attempts.length, "application/json", warnings));
  res.end(result.body);
  scope.capture?.answer(result.body);
  return out;
}

/** What the operation makes of the answer; a decoder's complaint is said of the provider. */
export function answerOf<T>(
  read: UpstreamJson,
  answer: (bytes: Buffer, json: unknown) => T,
  provider: string,
): T {
  try {
    return answer(read.bytes, read.json);
  } catch (err) {
    throw namingProvider(err, provider);
  }
}

/**
 * A decoder's complaint about an upstream answer, said of the provider that sent it. A decoder names only
 * the format it reads (`details.provider: "gemini"`), not the deployment: its message is kept, prefixed
 * with the provider's configured name, so an operator sees which of several Gemini providers misbehaved.
 */
export function namingProvider(err: unknown, provider: string): GatewayError {
  if (err instanceof GatewayError && (err.code !== "upstream_error" || err.details.provider === provider))
    return err;
  // A decoder that failed other than with its own error met a shape it did not foresee: still the answer's fault.
  const why = err instanceof GatewayError ? err.message : "its shape is not the documented one";
  return new GatewayError(
    "upstream_error",
    `Upstream provider '${provider}' sent an answer Gatehouse could not read: ${why}`,
    { ...(err instanceof GatewayError ? err.details : {}), provider },
    { cause: err },
  );
}

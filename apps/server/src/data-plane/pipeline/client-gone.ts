import { estimateTokens } from "../../metering/estimate-tokens.js";
import { newOutcome, type Outcome, type Served } from "./outcome.js";

/** The status logged for a request whose client left before the end (nginx's "client closed request"). */
export const CLIENT_CLOSED_STATUS = 499;

/**
 * The outcome of a request whose client left before its answer ended: interrupted, 499, usage as
 * delivered so far — estimated from characters when the upstream had not reported it.
 */
export function clientGoneOutcome(
  served: Served | undefined,
  promptChars: number,
  deliveredChars = 0,
  reported?: Outcome,
): Outcome {
  const out = reported ?? newOutcome(CLIENT_CLOSED_STATUS, served);
  out.status = CLIENT_CLOSED_STATUS;
  out.errorCode = "client_closed";
  out.interrupted = true;
  if (out.usage === undefined) estimateUsage(out, promptChars, deliveredChars);
  return out;
}

/**
 * Sets an outcome's usage from character counts, marked estimated: for answers whose upstream reported
 * none (a stream cut before its usage, a client gone mid-answer). The meter recounts the prompt with a
 * real tokenizer (`inputEstimated`) before the record is written.
 */
export function estimateUsage(out: Outcome, promptChars: number, deliveredChars: number): void {
  out.usage = { inputTokens: estimateTokens(promptChars), outputTokens: estimateTokens(deliveredChars) };
  out.usageEstimated = true;
  out.inputEstimated = true;
}

/** Thrown by steps that find the client gone (a body never finished, a closed socket): nothing to answer. */
export class ClientGone extends Error {
  constructor() {
    super("The client closed the connection.");
    this.name = "ClientGone";
  }
}

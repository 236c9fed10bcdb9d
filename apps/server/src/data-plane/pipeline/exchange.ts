import { GatewayError } from "@gatehouse/protocol";
import type { Dispatcher } from "undici";
import type { CandidateCall } from "./candidate-call.js";
import type { AbortState } from "./exchange-abort.js";
import type { Served } from "./outcome.js";

/** A successful upstream answer in flight (headers received, status < 400), tied to the client's connection. */
export interface Exchange {
  response: Dispatcher.ResponseData;
  served: Served;
  call: CandidateCall;
  /**
   * Aborted when the client goes away, so the upstream read stops too — or when the request's deadline
   * passes, in which case `abort.reason` is the 504 GatewayError to answer (see {@link deadlineReason}).
   */
  abort: AbortState;
  /** Stops watching the client and the deadline, and ends the deployment's in-flight count (idempotent). */
  release(): void;
}

/**
 * Why an exchange was aborted: the deadline's 504 error, or undefined when the client went away (or it
 * was not aborted). Relays call it when reading the body fails, to answer a timeout rather than treat
 * the request as abandoned.
 */
export function deadlineReason(abort: AbortState): GatewayError | undefined {
  return abort.aborted && abort.reason instanceof GatewayError ? abort.reason : undefined;
}

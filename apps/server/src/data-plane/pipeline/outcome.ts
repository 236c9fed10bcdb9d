import type { IrUsage } from "@gatehouse/protocol";
import type { Candidate, Route } from "../../routing/model-catalog.js";

/** The deployment that answered, and the route (the requested model's, or a fallback's) it belongs to. */
export interface Served {
  readonly route: Route;
  readonly candidate: Candidate;
}

/**
 * How a request ended, as the meter step records and logs it: what the client was sent, the usage and
 * who served it. Relays return one; an error rendered at the edge becomes one.
 */
export interface Outcome {
  /** The HTTP status sent (499 when the client left first). */
  status: number;
  errorCode: string | undefined;
  errorMessage: string | undefined;
  usage: IrUsage | undefined;
  /** True when the usage counts are estimates (the upstream reported none, or the stream was cut). */
  usageEstimated: boolean;
  /** The input count is a character estimate (no upstream count at all): the meter recounts it. */
  inputEstimated: boolean;
  /** The answer did not complete (client gone, upstream cut, deadline mid-stream). */
  interrupted: boolean;
  /** Milliseconds from the request's start to the first byte of the answer. */
  ttfbMs: number | undefined;
  served: Served | undefined;
}

/**
 * A fresh outcome. Every field is present from the start, in one order, so outcomes share one hidden
 * class whatever path built them (the hot functions reading them stay monomorphic).
 */
export function newOutcome(status: number, served?: Served): Outcome {
  return {
    status,
    errorCode: undefined,
    errorMessage: undefined,
    usage: undefined,
    usageEstimated: false,
    inputEstimated: false,
    interrupted: false,
    ttfbMs: undefined,
    served,
  };
}

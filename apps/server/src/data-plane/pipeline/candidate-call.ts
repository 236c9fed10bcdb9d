import type { GatewayError } from "@gatehouse/protocol";
import type { ResponseHeaders, UpstreamRequest } from "../../providers/provider-adapter.js";
import type { Candidate, Route } from "../../routing/model-catalog.js";

/** How to call one candidate: its request, and how to read its error answers. */
export interface CandidateCall {
  up: UpstreamRequest;
  decodeError(status: number, body: string, headers: ResponseHeaders, now: number): GatewayError;
}

/**
 * A candidate that cannot take this request (a feature its protocol cannot carry, no embeddings API, a
 * parameter its model refuses to drop): skipped without an attempt. When no candidate can, the first
 * such reason is the client's answer (a 400).
 */
export interface NotViable {
  notViable: GatewayError;
}

/** Builds the call of one candidate of one route (the requested model's, or a fallback's). */
export type BuildCall = (candidate: Candidate, route: Route) => CandidateCall | NotViable;

/** Whether a build said no. */
export function isNotViable(call: CandidateCall | NotViable): call is NotViable {
  return (call as NotViable).notViable !== undefined;
}

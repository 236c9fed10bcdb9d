import type { ErrorCode, GatewayError } from "@gatehouse/protocol";

/** Codes that say "this deployment failed now", as opposed to "this request is wrong". */
const DEPLOYMENT_FAILURE_CODES: ReadonlySet<ErrorCode> = new Set<ErrorCode>([
  "upstream_error",
  "upstream_unreachable",
  "upstream_timeout",
  "upstream_overloaded",
  "upstream_rate_limited",
  "stream_interrupted",
]);

/**
 * Whether an upstream attempt failed because of the deployment (5xx, 429, timeout, connection error) —
 * what counts against its circuit breaker and may be retried or fallen back from. A client's mistake
 * (400, 404, 422, a context window exceeded, a content refusal) says nothing about the deployment's
 * health and counts as an answer, not a failure.
 *
 * An `upstream_error` carrying an explicit 4xx status (an upstream client error passed through) is not a
 * deployment failure either; 408 and 429 are, as the upstream asks to be tried again.
 *
 * @example
 * if (isDeploymentFailure(err)) void breakers.onFailure(id); else void breakers.onSuccess(id);
 */
export function isDeploymentFailure(err: GatewayError): boolean {
  if (!DEPLOYMENT_FAILURE_CODES.has(err.code)) return false;
  const status = err.details.status;
  return status === undefined || status < 400 || status >= 500 || status === 408 || status === 429;
}

import type { AddressCategory } from "./address-category.js";

/** The `code` of a connection refused by the SSRF guard, matched by the error classifiers. */
export const SSRF_BLOCKED_CODE = "GATEHOUSE_SSRF_BLOCKED";

/**
 * A connection the SSRF guard refused, raised where undici expects a connect error. It carries the
 * address for logs; callers that answer a client name the category only (an internal DNS answer is not
 * the client's to learn).
 */
export class SsrfBlockedError extends Error {
  readonly code = SSRF_BLOCKED_CODE;

  constructor(
    readonly host: string,
    readonly address: string,
    readonly category: AddressCategory,
  ) {
    super(`Connection to ${host} (${address}) refused: ${category} address (${SSRF_BLOCKED_CODE}).`);
    this.name = "SsrfBlockedError";
  }
}

/** Whether an error, or one it wraps (cause, AggregateError), is an SSRF refusal. */
export function isSsrfBlocked(err: unknown): boolean {
  let e: unknown = err;
  for (let depth = 0; depth < 5 && e !== null && typeof e === "object"; depth++) {
    if ((e as { code?: unknown }).code === SSRF_BLOCKED_CODE) return true;
    e = (e as { errors?: unknown[] }).errors?.[0] ?? (e as { cause?: unknown }).cause;
  }
  return false;
}

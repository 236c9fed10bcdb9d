/** Keys remembered at most; past it the set starts again (a warning may then repeat, never vanish). */
const MAX_KEYS = 10_000;

/**
 * Which unpriced models were already reported, so the operator gets one warning per tenant and model
 * (per process) instead of one per request; every such request's log line says `unpriced: true`.
 *
 * @example
 * if (warnings.first(`${tenantId}/${model}`)) logger.warn({ tenantId, model }, "model has no price");
 */
export class UnpricedWarnings {
  private readonly seen = new Set<string>();

  /** True the first time `key` is seen. */
  first(key: string): boolean {
    if (this.seen.has(key)) return false;
    if (this.seen.size >= MAX_KEYS) this.seen.clear();
    this.seen.add(key);
    return true;
  }
}

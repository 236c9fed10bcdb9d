import type { RateLimitRule } from "../store/rate-limits/rate-limit-types.js";
import type { CounterSpec } from "./rate-limiter.js";

/**
 * The counters of a request under some limits: one per value a limit sets (requests, tokens,
 * concurrency), keyed by limit and kind in the tenant's Redis hash slot. `reserve` is the request's token
 * reservation, capped at each tokens limit (a request larger than a limit takes the whole of it).
 *
 * @example
 * countersOf([rule], "ten_1", 1200); // [{ key: "{ten_1}:rl_x:r", kind: "requests", limit: 60, cost: 1 }, ...]
 */
export function countersOf(
  rules: readonly RateLimitRule[],
  tenantId: string,
  reserve: number,
): CounterSpec[] {
  const out: CounterSpec[] = [];
  const tokens = Math.max(0, Math.ceil(reserve));
  for (const r of rules) {
    const base = `{${tenantId}}:${r.id}`;
    if (r.rpm !== null) out.push({ key: `${base}:r`, kind: "requests", limit: r.rpm, cost: 1 });
    if (r.tpm !== null)
      out.push({ key: `${base}:t`, kind: "tokens", limit: r.tpm, cost: Math.min(tokens, r.tpm) });
    if (r.concurrency !== null)
      out.push({ key: `${base}:c`, kind: "concurrent", limit: r.concurrency, cost: 1 });
  }
  return out;
}

import type { RateLimitRule } from "../store/rate-limits/rate-limit-types.js";
import { countersOf } from "./counters-of.js";
import type { RateLimiter } from "./rate-limiter.js";

/** What a limit's counters hold now: requests and tokens in the last 60 s, requests in flight. */
export interface RateLimitUse {
  requests: number | null;
  tokens: number | null;
  concurrent: number | null;
}

/**
 * The current use of some limits, by limit id, in one limiter call (one Lua script on Redis) without
 * consuming anything: what the control plane's listing shows next to each limit.
 *
 * @example
 * const use = await currentUse(limiter, page.items, Date.now()); // Map { "rl_x" => { requests: 12, ... } }
 */
export async function currentUse(
  limiter: RateLimiter,
  rules: readonly RateLimitRule[],
  now: number,
): Promise<Map<string, RateLimitUse>> {
  const counters = rules.flatMap((r) => countersOf([r], r.tenantId, 0));
  const states = await limiter.peek(counters, now);
  const out = new Map<string, RateLimitUse>();
  for (const r of rules) out.set(r.id, { requests: null, tokens: null, concurrent: null });
  for (const s of states) {
    const [, id, kind] = s.key.split(":") as [string, string, "r" | "t" | "c"];
    const use = out.get(id)!;
    const used = s.limit - s.remaining;
    if (kind === "r") use.requests = used;
    else if (kind === "t") use.tokens = used;
    else use.concurrent = used;
  }
  return out;
}

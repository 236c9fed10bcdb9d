import type { CounterKind, CounterState } from "./rate-limiter.js";

/**
 * The headers telling a client where it stands, in its protocol, from the most constraining requests
 * counter and tokens counter of the check (the one with the least remaining):
 *
 * - OpenAI (https://platform.openai.com/docs/guides/rate-limits#rate-limits-in-headers):
 *   `x-ratelimit-{limit,remaining,reset}-{requests,tokens}`, reset as a duration (`1s`, `6m0s`, `20ms`).
 *   Gemini has no such headers of its own; its answers carry these.
 * - Anthropic (https://docs.anthropic.com/en/api/rate-limits#response-headers):
 *   `anthropic-ratelimit-{requests,tokens,input-tokens}-{limit,remaining,reset}`, reset as an RFC 3339
 *   time when the limit is fully replenished. Gatehouse counts input and output tokens together, so the
 *   input-tokens family repeats the tokens one (a bound on input tokens too).
 *
 * @example
 * rateLimitHeaders("openai", decision.counters, now); // { "x-ratelimit-limit-requests": "60", ... }
 */
export function rateLimitHeaders(
  surface: "openai" | "anthropic" | "gemini" | "responses",
  counters: readonly CounterState[],
  now: number,
): Record<string, string> {
  const h: Record<string, string> = {};
  for (const kind of ["requests", "tokens"] as const) {
    const c = tightest(counters, kind);
    if (c === undefined) continue;
    if (surface === "anthropic") {
      const reset = new Date(Math.max(now, c.resetAt)).toISOString().replace(/\.\d{3}Z$/, "Z");
      for (const family of kind === "requests" ? ["requests"] : ["tokens", "input-tokens"]) {
        h[`anthropic-ratelimit-${family}-limit`] = String(c.limit);
        h[`anthropic-ratelimit-${family}-remaining`] = String(c.remaining);
        h[`anthropic-ratelimit-${family}-reset`] = reset;
      }
    } else {
      h[`x-ratelimit-limit-${kind}`] = String(c.limit);
      h[`x-ratelimit-remaining-${kind}`] = String(c.remaining);
      h[`x-ratelimit-reset-${kind}`] = goDuration(Math.max(0, c.resetAt - now));
    }
  }
  return h;
}

function tightest(counters: readonly CounterState[], kind: CounterKind): CounterState | undefined {
  let best: CounterState | undefined;
  for (const c of counters) {
    if (c.kind !== kind) continue;
    if (
      best === undefined ||
      c.remaining < best.remaining ||
      (c.remaining === best.remaining && c.limit < best.limit)
    )
      best = c;
  }
  return best;
}

/**
 * A duration as OpenAI writes it (Go's time.Duration format): `20ms`, `1.5s`, `6m0s`, `1h0m0s`.
 *
 * @example
 * goDuration(90_000); // "1m30s"
 */
export function goDuration(ms: number): string {
  const whole = Math.round(ms);
  if (whole < 1000) return `${whole}ms`;
  const h = Math.floor(whole / 3_600_000);
  const m = Math.floor((whole % 3_600_000) / 60_000);
  const s = ((whole % 60_000) / 1000).toFixed(3).replace(/\.?0+$/, "");
  if (h > 0) return `${h}h${m}m${s}s`;
  if (m > 0) return `${m}m${s}s`;
  return `${s}s`;
}

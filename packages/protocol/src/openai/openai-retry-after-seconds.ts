/** Response headers as Node gives them (lower-case names; a repeated header as an array). */
export type HeaderBag = Record<string, string | string[] | undefined>;

/** A header's first value, whatever the case of its name. */
export function headerValue(headers: HeaderBag, name: string): string | undefined {
  for (const [key, value] of Object.entries(headers)) {
    if (key.toLowerCase() !== name) continue;
    return Array.isArray(value) ? value[0] : value;
  }
  return undefined;
}

/** "6m0s", "1.5s", "20ms", "1h2m" (OpenAI's x-ratelimit-reset-* format) → seconds. */
function durationSeconds(text: string): number | undefined {
  const units: Record<string, number> = { h: 3600, m: 60, s: 1, ms: 0.001 };
  let total = 0;
  let matched = "";
  for (const m of text.matchAll(/(\d+(?:\.\d+)?)(ms|h|m|s)/g)) {
    total += Number(m[1]) * units[m[2]!]!;
    matched += m[0];
  }
  return matched.length > 0 && matched === text.trim() ? total : undefined;
}

/** Retry-After: delay-seconds or an HTTP-date (RFC 9110 §10.2.3). */
function retryAfter(value: string, now: number): number | undefined {
  if (/^\d+(\.\d+)?$/.test(value.trim())) return Number(value);
  const at = Date.parse(value);
  return Number.isNaN(at) ? undefined : Math.max(0, (at - now) / 1000);
}

/**
 * Seconds to wait before retrying, from an OpenAI(-compatible) 429: `retry-after-ms`, then `retry-after`,
 * then the reset time of whichever x-ratelimit budget is exhausted. Rounded up to whole seconds.
 * @see https://platform.openai.com/docs/guides/rate-limits#rate-limits-in-headers
 */
export function openAIRetryAfterSeconds(headers: HeaderBag, now: number): number | undefined {
  const ms = headerValue(headers, "retry-after-ms");
  if (ms !== undefined && /^\d+(\.\d+)?$/.test(ms.trim())) return Math.ceil(Number(ms) / 1000);
  const plain = headerValue(headers, "retry-after");
  const fromPlain = plain === undefined ? undefined : retryAfter(plain, now);
  if (fromPlain !== undefined) return Math.ceil(fromPlain);
  const waits: number[] = [];
  for (const budget of ["requests", "tokens"]) {
    if (headerValue(headers, `x-ratelimit-remaining-${budget}`) !== "0") continue;
    const reset = headerValue(headers, `x-ratelimit-reset-${budget}`);
    const seconds = reset === undefined ? undefined : durationSeconds(reset);
    if (seconds !== undefined) waits.push(seconds);
  }
  return waits.length === 0 ? undefined : Math.ceil(Math.max(...waits));
}

type Headers = Record<string, string | string[] | undefined>;

/** The first value of a header, looked up case-insensitively. */
export function headerValue(headers: Headers, name: string): string | undefined {
  const wanted = name.toLowerCase();
  for (const [key, value] of Object.entries(headers)) {
    if (key.toLowerCase() !== wanted || value === undefined) continue;
    return Array.isArray(value) ? value[0] : value;
  }
  return undefined;
}

/** Anthropic's rate-limit families, each with `-remaining` and `-reset` (RFC 3339) headers. */
const LIMIT_FAMILIES = ["requests", "tokens", "input-tokens", "output-tokens"] as const;

/**
 * Seconds to wait before retrying, from an Anthropic error response's headers:
 * `retry-after-ms`, then `retry-after` (seconds or an HTTP date), then the latest
 * `anthropic-ratelimit-*-reset` among the limits whose `-remaining` is 0. Undefined when none says.
 * @see https://docs.anthropic.com/en/api/rate-limits#response-headers
 * @see https://www.rfc-editor.org/rfc/rfc9110#field.retry-after
 *
 * @example
 * parseRetryAfter({ "retry-after": "7" }, Date.now()); // 7
 */
export function parseRetryAfter(headers: Headers, nowMs: number): number | undefined {
  const ms = headerValue(headers, "retry-after-ms");
  if (ms !== undefined && /^\d+(\.\d+)?$/.test(ms.trim())) return Math.ceil(Number(ms) / 1000);
  const after = headerValue(headers, "retry-after")?.trim();
  if (after !== undefined && after !== "") {
    if (/^\d+(\.\d+)?$/.test(after)) return Math.ceil(Number(after));
    const at = Date.parse(after);
    if (!Number.isNaN(at)) return Math.max(0, Math.ceil((at - nowMs) / 1000));
  }
  let latest: number | undefined;
  for (const family of LIMIT_FAMILIES) {
    if (headerValue(headers, `anthropic-ratelimit-${family}-remaining`)?.trim() !== "0") continue;
    const at = Date.parse(headerValue(headers, `anthropic-ratelimit-${family}-reset`) ?? "");
    if (!Number.isNaN(at)) latest = Math.max(latest ?? 0, Math.ceil((at - nowMs) / 1000));
  }
  return latest === undefined ? undefined : Math.max(0, latest);
}

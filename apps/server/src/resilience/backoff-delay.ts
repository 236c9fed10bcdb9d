/** The shape of exponential backoff: the first retry waits up to `baseMs`, each next one twice as long. */
export interface BackoffOptions {
  baseMs: number;
  /** No wait is longer than this, however many attempts came before. */
  maxMs: number;
}

/**
 * How long to wait before the next attempt: exponential backoff with full jitter, a uniform draw in
 * [0, min(maxMs, baseMs × 2^(attempt − 1))). Full jitter spreads the retries of many clients that failed
 * together, so they do not return to a recovering upstream in one synchronized wave.
 * @see https://aws.amazon.com/blogs/architecture/exponential-backoff-and-jitter/
 *
 * @param attempt attempts made so far (1 after the first one failed)
 * @param random a uniform draw in [0, 1), injectable for tests
 * @example
 * backoffDelay(3, { baseMs: 100, maxMs: 2_000 }, () => 0.5); // 200: half of min(2000, 100 × 4)
 */
export function backoffDelay(
  attempt: number,
  options: BackoffOptions,
  random: () => number = Math.random,
): number {
  const exponent = Math.max(0, Math.min(attempt - 1, 30)); // 2^30 × base overflows any sane max anyway
  const ceiling = Math.min(options.maxMs, options.baseMs * 2 ** exponent);
  return Math.floor(random() * Math.max(0, ceiling));
}

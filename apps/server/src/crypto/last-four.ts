/** Below this many characters, even four of them give away too large a share of the secret. */
const MIN_LENGTH_TO_SHOW = 16;
const ELLIPSIS = "…";

/**
 * A hint to recognise a stored secret in listings without revealing it: an ellipsis and the last four
 * characters. Secrets shorter than 16 characters show only the ellipsis. Counts code points, so a
 * character outside the BMP is never cut in half; surrounding whitespace (a pasted newline) is ignored.
 *
 * @example
 * lastFour("sk-proj-abcdefghijklmnop1234"); // "…1234"
 * lastFour("hunter2"); // "…"
 */
export function lastFour(secret: string): string {
  const chars = Array.from(secret.trim());
  if (chars.length < MIN_LENGTH_TO_SHOW) return ELLIPSIS;
  return ELLIPSIS + chars.slice(-4).join("");
}

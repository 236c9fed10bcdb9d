/**
 * Fault modes a fake upstream can be put in, by `setMode()` or per request with the `x-fake-mode` header.
 *
 * - `ok`: answers normally.
 * - `error-<status>`: answers that status with the provider's own error body (see each fake's error map).
 * - `hang`: accepts the request and never answers (until the client gives up or the fake is closed).
 * - `reset`: destroys the connection as soon as the request is read, before any response byte.
 * - `reset-mid-stream`: sends the first `faultAfterChunks` stream events (or half a JSON body), then resets
 *   the connection.
 * - `cut-stream`: sends the first `faultAfterChunks` events (or half a JSON body), then ends the response
 *   cleanly, without the provider's finish events.
 * - `stall-mid-stream`: sends the first `faultAfterChunks` events, then sends nothing more and never ends.
 * - `stream-error`: sends the first `faultAfterChunks` events, then the provider's in-stream error event
 *   (a non-streaming request gets the provider's 500 error instead).
 * - `slow`: answers normally but waits `slowDelayMs` before every stream event (or before a JSON body).
 */
export const FAULT_MODES = [
  "ok",
  "error-400",
  "error-401",
  "error-403",
  "error-404",
  "error-429",
  "error-500",
  "error-503",
  "error-529",
  "hang",
  "reset",
  "reset-mid-stream",
  "cut-stream",
  "stall-mid-stream",
  "stream-error",
  "slow",
] as const;

/** One of {@link FAULT_MODES}. */
export type FaultMode = (typeof FAULT_MODES)[number];

/** Whether a string names a fault mode. */
export function isFaultMode(value: unknown): value is FaultMode {
  return typeof value === "string" && (FAULT_MODES as readonly string[]).includes(value);
}

/**
 * The HTTP status of an `error-<status>` mode, or undefined for the other modes.
 *
 * @example
 * errorStatusOf("error-429"); // 429
 * errorStatusOf("hang"); // undefined
 */
export function errorStatusOf(mode: FaultMode): number | undefined {
  return mode.startsWith("error-") ? Number(mode.slice("error-".length)) : undefined;
}

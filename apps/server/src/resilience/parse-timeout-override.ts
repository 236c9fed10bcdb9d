import { GatewayError } from "@gatehouse/protocol";
import { TIMEOUT_BOUNDS, type TimeoutOverrides, type UpstreamTimeouts } from "./resolve-timeouts.js";

/** The request header a client may send to shorten the whole attempt, in milliseconds. */
export const TIMEOUT_HEADER = "x-gatehouse-timeout-ms";

/** Accepted spellings of each field: camelCase (configuration) and snake_case (request bodies). */
const FIELDS: Readonly<Record<string, keyof UpstreamTimeouts>> = Object.freeze({
  connectMs: "connectMs",
  connect_ms: "connectMs",
  firstByteMs: "firstByteMs",
  first_byte_ms: "firstByteMs",
  idleMs: "idleMs",
  idle_ms: "idleMs",
  totalMs: "totalMs",
  total_ms: "totalMs",
});

/**
 * Validates a timeout override from a client or from configuration, so that a bad value is a clear 400
 * naming the parameter rather than a timeout that silently never fires. Accepts:
 * - nothing (undefined, null, "") → undefined;
 * - a number or a decimal string (the header's value) → `{ totalMs }`;
 * - an object with `connectMs`/`connect_ms`, `firstByteMs`/`first_byte_ms`, `idleMs`/`idle_ms`,
 *   `totalMs`/`total_ms` (a model's configuration, or a body field).
 * Each value must be an integer within {@link TIMEOUT_BOUNDS}.
 *
 * @param param what to name in the error: the header, or the body field's path
 * @example
 * parseTimeoutOverride(headers["x-gatehouse-timeout-ms"]); // "30000" → { totalMs: 30000 }
 * parseTimeoutOverride({ first_byte_ms: 10_000 }, "gatehouse.timeouts"); // { firstByteMs: 10000 }
 */
export function parseTimeoutOverride(
  value: unknown,
  param: string = TIMEOUT_HEADER,
): TimeoutOverrides | undefined {
  if (value === undefined || value === null || value === "") return undefined;
  if (typeof value === "number" || typeof value === "string") {
    return { totalMs: checkMs(value, "totalMs", param) };
  }
  if (typeof value !== "object" || Array.isArray(value)) {
    throw invalid(param, "must be a number of milliseconds or an object of timeouts");
  }
  const out: TimeoutOverrides = {};
  for (const [key, v] of Object.entries(value)) {
    const field = Object.hasOwn(FIELDS, key) ? FIELDS[key] : undefined;
    if (field === undefined)
      throw invalid(`${param}.${key}`, "is not a timeout (connect_ms, first_byte_ms, idle_ms, total_ms)");
    if (v === undefined || v === null) continue;
    out[field] = checkMs(v, field, `${param}.${key}`);
  }
  return out;
}

function checkMs(value: unknown, field: keyof UpstreamTimeouts, param: string): number {
  const n = typeof value === "string" && /^\d+$/.test(value.trim()) ? Number(value.trim()) : value;
  const { min, max } = TIMEOUT_BOUNDS[field];
  if (typeof n !== "number" || !Number.isInteger(n) || n < min || n > max) {
    throw invalid(param, `must be an integer number of milliseconds from ${min} to ${max}`);
  }
  return n;
}

function invalid(param: string, what: string): GatewayError {
  return new GatewayError("invalid_request", `'${param}' ${what}.`, { param });
}

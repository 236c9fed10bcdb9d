import { GatewayError } from "@gatehouse/protocol";

/** The request header that replaces a model's configured fallback models for one request. */
export const FALLBACKS_HEADER = "x-gatehouse-fallbacks";

/** More fallbacks than this in one request is a mistake (and each one may cost an upstream attempt). */
export const MAX_FALLBACK_OVERRIDES = 10;

/**
 * Validates a client's fallback override, so that a malformed one is a clear 400 naming the parameter
 * rather than a silently ignored list. Accepts:
 * - nothing (undefined, null, "") → undefined: the model's configured fallbacks apply;
 * - `"none"` (any case) → `[]`: no fallback model for this request;
 * - a comma-separated string (the header) or an array of strings (the body field) → the model names, in
 *   order, blanks dropped, at most {@link MAX_FALLBACK_OVERRIDES}.
 * A name is not checked against the catalog here: an unknown one is skipped when the fallback happens,
 * exactly like a configured fallback model that was removed.
 *
 * @param param what to name in the error: the header, or the body field's path
 * @example
 * parseFallbackOverride("gpt-4o-mini, claude-haiku"); // ["gpt-4o-mini", "claude-haiku"]
 * parseFallbackOverride("none"); // []
 * parseFallbackOverride(["m1"], "gatehouse.fallbacks"); // ["m1"]
 */
export function parseFallbackOverride(
  value: unknown,
  param: string = FALLBACKS_HEADER,
): string[] | undefined {
  if (value === undefined || value === null || value === "") return undefined;
  let names: unknown[];
  if (typeof value === "string") {
    if (value.trim().toLowerCase() === "none") return [];
    names = value.split(",");
  } else if (Array.isArray(value)) {
    names = value;
  } else {
    throw invalid(param, 'must be a list of model names, or "none"');
  }
  const out: string[] = [];
  for (const [i, raw] of names.entries()) {
    if (typeof raw !== "string") throw invalid(`${param}[${i}]`, "must be a model name (a string)");
    const name = raw.trim();
    if (name === "") continue;
    if (name.length > 256 || /[\x00-\x1f\x7f]/.test(name)) {
      throw invalid(`${param}[${i}]`, "is not a valid model name");
    }
    out.push(name);
  }
  if (out.length === 1 && out[0]!.toLowerCase() === "none") return [];
  if (out.length > MAX_FALLBACK_OVERRIDES) {
    throw invalid(param, `must name at most ${MAX_FALLBACK_OVERRIDES} models`);
  }
  return out;
}

function invalid(param: string, what: string): GatewayError {
  return new GatewayError("invalid_request", `'${param}' ${what}.`, { param });
}

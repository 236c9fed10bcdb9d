import type { IncomingHttpHeaders } from "node:http";
import { GatewayError } from "@gatehouse/protocol";
import { FALLBACKS_HEADER, parseFallbackOverride } from "./parse-fallback-override.js";
import { parseTimeoutOverride, TIMEOUT_HEADER } from "./parse-timeout-override.js";
import type { TimeoutOverrides } from "./resolve-timeouts.js";

/** The body field a client may add to an OpenAI, Anthropic or Gemini request body (removed before upstream). */
export const GATEHOUSE_BODY_FIELD = "gatehouse";

/** Routing choices a client made for one request. */
export interface RequestOverrides {
  /** Replaces the model's fallback models; `[]` means none (no fallback to another model at all). */
  fallbacks?: string[];
  /** Shortens the timeouts of this request (see resolveTimeouts: a client may not lengthen them). */
  timeouts?: TimeoutOverrides;
}

/**
 * Reads a request's routing overrides from its headers (`x-gatehouse-fallbacks`, `x-gatehouse-timeout-ms`)
 * and from the body field `gatehouse: { fallbacks, timeouts }` (as the caller took it out of the body).
 * A header wins over the same setting in the body. Answers undefined when the client set nothing, so the
 * common request allocates nothing. Malformed values are a 400 naming the header or field.
 *
 * @example
 * readRequestOverrides({ "x-gatehouse-fallbacks": "none" }, undefined); // { fallbacks: [] }
 * readRequestOverrides({}, { fallbacks: ["m2"], timeouts: 30000 }); // { fallbacks: ["m2"], timeouts: { totalMs: 30000 } }
 */
export function readRequestOverrides(
  headers: IncomingHttpHeaders,
  bodyField: unknown,
): RequestOverrides | undefined {
  const fromBody = bodyField === undefined ? undefined : readBodyField(bodyField);
  const fallbacks = parseFallbackOverride(headers[FALLBACKS_HEADER]) ?? fromBody?.fallbacks;
  const timeouts = parseTimeoutOverride(headers[TIMEOUT_HEADER]) ?? fromBody?.timeouts;
  if (fallbacks === undefined && timeouts === undefined) return undefined;
  const out: RequestOverrides = {};
  if (fallbacks !== undefined) out.fallbacks = fallbacks;
  if (timeouts !== undefined) out.timeouts = timeouts;
  return out;
}

function readBodyField(value: unknown): RequestOverrides | undefined {
  if (value === null) return undefined;
  if (typeof value !== "object" || Array.isArray(value)) {
    throw invalid(GATEHOUSE_BODY_FIELD, "must be an object: { fallbacks, timeouts }");
  }
  const out: RequestOverrides = {};
  for (const [key, v] of Object.entries(value)) {
    const param = `${GATEHOUSE_BODY_FIELD}.${key}`;
    if (key === "fallbacks") {
      const f = parseFallbackOverride(v, param);
      if (f !== undefined) out.fallbacks = f;
    } else if (key === "timeouts" || key === "timeout_ms") {
      const t = parseTimeoutOverride(v, param);
      if (t !== undefined) out.timeouts = t;
    } else {
      // A typo must not pass for a setting that silently does nothing.
      throw invalid(param, "is not a Gatehouse setting (fallbacks, timeouts)");
    }
  }
  return out;
}

function invalid(param: string, what: string): GatewayError {
  return new GatewayError("invalid_request", `'${param}' ${what}.`, { param });
}

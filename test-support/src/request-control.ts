import type { IncomingHttpHeaders } from "node:http";
import { FAKE_HEADERS, type FakeUpstreamOptions } from "./fake-upstream-options.js";
import { type FaultMode, isFaultMode } from "./fault-mode.js";

/** How one request is to be answered: its fault mode, reply length and pacing. */
export interface RequestControl {
  mode: FaultMode;
  chunks: number;
  delayMs: number;
  faultAfter: number;
}

/** The outcome of reading the control headers: the control, or why a header is malformed. */
export type RequestControlResult = { ok: true; control: RequestControl } | { ok: false; message: string };

/**
 * Resolves a request's control from its `x-fake-*` headers, falling back to the fake's options and to the
 * scheduled mode.
 *
 * @example
 * resolveRequestControl({ "x-fake-chunks": "3" }, "ok", {}); // { ok: true, control: { chunks: 3, ... } }
 */
export function resolveRequestControl(
  headers: IncomingHttpHeaders,
  scheduled: FaultMode,
  options: FakeUpstreamOptions,
): RequestControlResult {
  const modeHeader = headerValue(headers, FAKE_HEADERS.mode);
  if (modeHeader !== undefined && !isFaultMode(modeHeader)) {
    return { ok: false, message: `unknown ${FAKE_HEADERS.mode}: ${modeHeader}` };
  }
  const mode = modeHeader ?? scheduled;
  const chunks = intHeader(headers, FAKE_HEADERS.chunks, options.chunks ?? 5, 1);
  const delay = intHeader(headers, FAKE_HEADERS.delayMs, options.chunkDelayMs ?? 0, 0);
  const faultAfter = intHeader(headers, FAKE_HEADERS.faultAfter, options.faultAfterChunks ?? 2, 0);
  for (const [name, value] of [
    [FAKE_HEADERS.chunks, chunks],
    [FAKE_HEADERS.delayMs, delay],
    [FAKE_HEADERS.faultAfter, faultAfter],
  ] as const) {
    if (value === undefined) return { ok: false, message: `malformed ${name}` };
  }
  const delayMs = mode === "slow" ? (options.slowDelayMs ?? 1000) : delay!;
  return { ok: true, control: { mode, chunks: chunks!, delayMs, faultAfter: faultAfter! } };
}

function headerValue(headers: IncomingHttpHeaders, name: string): string | undefined {
  const value = headers[name];
  return Array.isArray(value) ? value[0] : value;
}

/** The header as an integer >= min, the fallback when absent, or undefined when malformed. */
function intHeader(
  headers: IncomingHttpHeaders,
  name: string,
  fallback: number,
  min: number,
): number | undefined {
  const raw = headerValue(headers, name);
  if (raw === undefined) return fallback;
  if (!/^\d+$/.test(raw.trim())) return undefined;
  const value = Number(raw);
  return value >= min ? value : undefined;
}

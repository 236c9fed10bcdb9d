import type { IncomingMessage } from "node:http";
import type { FaultMode } from "./fault-mode.js";

/** One request a fake upstream received, as it arrived on the wire. */
export interface RecordedRequest {
  method: string;
  /** Path without the query string, e.g. `/v1/chat/completions`. */
  path: string;
  /** Query parameters (the last value wins when a name repeats). */
  query: Record<string, string>;
  /** Header names lowercased; repeated headers joined with ", ". */
  headers: Record<string, string>;
  /** The raw body as text (UTF-8), "" when there is none. */
  body: string;
  /** The body parsed as JSON, or undefined when it is empty or not JSON. */
  json: unknown;
  /** The fault mode this request was answered in. */
  mode: FaultMode;
}

/**
 * Reads a request's whole body and returns its record (with `mode` "ok", to be set by the caller).
 *
 * @example
 * const record = await readRecordedRequest(req);
 */
export async function readRecordedRequest(req: IncomingMessage): Promise<RecordedRequest> {
  const parts: Buffer[] = [];
  for await (const chunk of req) parts.push(chunk as Buffer);
  const body = Buffer.concat(parts).toString("utf8");
  const url = new URL(req.url ?? "/", "http://fake.invalid");
  return {
    method: req.method ?? "GET",
    path: url.pathname,
    query: Object.fromEntries(url.searchParams),
    headers: lowercaseHeaders(req),
    body,
    json: parseJsonOrUndefined(body),
    mode: "ok",
  };
}

function lowercaseHeaders(req: IncomingMessage): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(req.headers)) {
    if (value === undefined) continue;
    out[name.toLowerCase()] = Array.isArray(value) ? value.join(", ") : value;
  }
  return out;
}

function parseJsonOrUndefined(text: string): unknown {
  if (text.length === 0) return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

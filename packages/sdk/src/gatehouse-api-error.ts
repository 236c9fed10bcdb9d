/** One validation failure the server reports: where (`body.name`, `query.limit`) and what. */
export interface ApiIssue {
  path: string;
  message: string;
}

/** What else an error said: validation issues, the request id to quote, OpenAI's `type` and `param`. */
export interface ApiErrorDetails {
  issues?: ApiIssue[];
  requestId?: string;
  /** Seconds from a `retry-after` header (429, 503). */
  retryAfterSeconds?: number;
  /** The data plane's OpenAI-style error `type` and `param`. */
  type?: string;
  param?: string | null;
}

/**
 * Every failure the SDK reports about an answer: an HTTP error from the control plane or the data plane,
 * an error event inside a stream, or an answer the SDK could not read. Match on `code` (the server's
 * catalogue, plus `invalid_response` for an answer that does not match its contract), never on `message`.
 *
 * @example
 * try { await client.keys.get({ params: { tenantId, keyId } }); }
 * catch (err) { if (err instanceof GatehouseApiError && err.code === "not_found") ...; }
 */
export class GatehouseApiError extends Error {
  override name = "GatehouseApiError";
  /** The HTTP status; 0 for an error event that arrived inside a stream after a 200. */
  readonly status: number;
  readonly code: string;
  readonly details: ApiErrorDetails;

  constructor(status: number, code: string, message: string, details: ApiErrorDetails = {}) {
    super(message);
    this.status = status;
    this.code = code;
    this.details = details;
  }
}

/**
 * The GatehouseApiError for an error answer's status, headers and text: the control plane's
 * `{ error: { code, message, issues?, requestId? } }` or the data plane's OpenAI-style
 * `{ error: { message, type, param, code } }`; anything else keeps the status with a generic code.
 * @see https://platform.openai.com/docs/guides/error-codes
 */
export function errorFromAnswer(status: number, headers: Headers, text: string): GatehouseApiError {
  const details: ApiErrorDetails = {};
  const retryAfter = Number(headers.get("retry-after"));
  if (headers.get("retry-after") !== null && Number.isFinite(retryAfter))
    details.retryAfterSeconds = retryAfter;
  const requestId = headers.get("x-gatehouse-request-id");
  if (requestId !== null) details.requestId = requestId;
  const body = parseJson(text);
  const error = errorObject(body);
  if (error === undefined) {
    return new GatehouseApiError(
      status,
      fallbackCode(status),
      `HTTP ${status}: ${text.slice(0, 200)}`,
      details,
    );
  }
  return errorFromObject(status, error, details);
}

/** The GatehouseApiError for an `{ code, message, ... }` error object (also used for in-stream errors). */
export function errorFromObject(
  status: number,
  error: Record<string, unknown>,
  details: ApiErrorDetails = {},
): GatehouseApiError {
  const out: ApiErrorDetails = { ...details };
  if (Array.isArray(error.issues)) out.issues = error.issues as ApiIssue[];
  if (typeof error.requestId === "string") out.requestId = error.requestId;
  if (typeof error.type === "string") out.type = error.type;
  if (typeof error.param === "string" || error.param === null) out.param = error.param as string | null;
  const code =
    typeof error.code === "string"
      ? error.code
      : typeof error.type === "string"
        ? error.type
        : fallbackCode(status);
  const message = typeof error.message === "string" ? error.message : `HTTP ${status}`;
  return new GatehouseApiError(status, code, message, out);
}

/** The `error` object of a parsed body, if it has one. */
export function errorObject(body: unknown): Record<string, unknown> | undefined {
  if (typeof body !== "object" || body === null) return undefined;
  const error = (body as { error?: unknown }).error;
  return typeof error === "object" && error !== null ? (error as Record<string, unknown>) : undefined;
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

function fallbackCode(status: number): string {
  if (status === 401) return "unauthenticated";
  if (status === 403) return "permission_denied";
  if (status === 404) return "not_found";
  if (status === 429) return "rate_limited";
  if (status >= 500) return "internal_error";
  return "invalid_request";
}

import { ERROR_CODES, type ErrorCode } from "./error-codes.js";

/** Extra facts an error may carry to the edge that renders it. */
export interface GatewayErrorDetails {
  /** The request parameter at fault, when there is one (OpenAI's `error.param`). */
  param?: string;
  /** Seconds the client should wait before retrying (sent as Retry-After). */
  retryAfterSeconds?: number;
  /** The HTTP status to answer with, when it must differ from the code's default (upstream passthrough). */
  status?: number;
  /** The provider involved, by name (never its credentials). */
  provider?: string;
  /** The upstream's own error type, kept for logs and for same-protocol passthrough. */
  upstreamType?: string;
  /** Headers the error answer carries (a refused request's rate-limit headers). */
  headers?: Readonly<Record<string, string>>;
  /**
   * The id of the request this error is about, when the answer relays another request's refusal (a chat
   * answer's data-plane request, refused by a budget): the id its usage and request logs hold, quoted in
   * the control plane's error body instead of the relaying request's own (kept in its header).
   */
  requestId?: string;
}

/**
 * The one error type of Gatehouse. Thrown anywhere; rendered into the caller's protocol only at the edge.
 *
 * @example
 * throw new GatewayError("model_not_found", "Model 'gpt-9' does not exist", { param: "model" });
 */
export class GatewayError extends Error {
  readonly code: ErrorCode;
  readonly details: GatewayErrorDetails;

  constructor(code: ErrorCode, message?: string, details: GatewayErrorDetails = {}, options?: ErrorOptions) {
    super(message ?? ERROR_CODES[code].title, options);
    this.name = "GatewayError";
    this.code = code;
    this.details = details;
  }

  /** The HTTP status this error answers with. */
  get status(): number {
    return this.details.status ?? ERROR_CODES[this.code].status;
  }
}

/** Whether a thrown value is a GatewayError. */
export function isGatewayError(value: unknown): value is GatewayError {
  return value instanceof GatewayError;
}

/** Any thrown value as a GatewayError; unknown failures become `internal_error` without leaking their text. */
export function toGatewayError(value: unknown): GatewayError {
  if (value instanceof GatewayError) return value;
  return new GatewayError("internal_error", undefined, {}, { cause: value });
}

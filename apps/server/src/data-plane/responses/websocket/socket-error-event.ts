import { encodeOpenAIError, type GatewayError } from "@gatehouse/protocol";

/** The `error` field of an error event: OpenAI's error object. */
export interface SocketErrorBody {
  type: string;
  code: string;
  message: string;
  param: string | null;
}

/**
 * The error event of the Responses API's WebSocket mode: an error the HTTP API answers with a status and
 * `{"error":{...}}` is one message `{"type":"error","status":N,"error":{...}}` (plus the `headers` that
 * matter to a client, such as `retry-after`), and the socket stays open for the next `response.create`.
 * @see https://platform.openai.com/docs/guides/websocket-mode
 * @example
 * socketErrorEvent(400, { type: "invalid_request_error", code: "previous_response_not_found",
 *   message: "…", param: "previous_response_id" });
 */
export function socketErrorEvent(
  status: number,
  error: SocketErrorBody,
  headers?: Record<string, string>,
): string {
  return JSON.stringify({ type: "error", status, error, ...(headers && { headers }) });
}

/** A gateway error as the socket's error event, in OpenAI's error shape. */
export function gatewayErrorEvent(err: GatewayError): string {
  const { status, body, headers } = encodeOpenAIError(err);
  return socketErrorEvent(status, body.error as SocketErrorBody, headers);
}

/** An error only the WebSocket mode has (no catalogued gateway code): `invalid_request_error` type. */
export function socketOnlyErrorEvent(status: number, code: string, message: string, param?: string): string {
  return socketErrorEvent(status, { type: "invalid_request_error", code, message, param: param ?? null });
}

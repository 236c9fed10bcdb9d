import type { Socket } from "node:net";
import { GatewayError } from "@gatehouse/protocol";
import { errorsForPath } from "./surface-for-path.js";

/**
 * Node's own HTTP parse errors (llhttp `HPE_*` codes) and request timeouts, as the client should see them.
 * @see https://github.com/nodejs/llhttp/blob/main/src/llhttp/errors.ts
 */
export function clientErrorOf(err: { code?: string }): GatewayError {
  if (err.code === "HPE_HEADER_OVERFLOW")
    return new GatewayError("invalid_request", "The request headers are too large.", { status: 431 });
  if (err.code === "ERR_HTTP_REQUEST_TIMEOUT")
    return new GatewayError("invalid_request", "The request was not received in time.", { status: 408 });
  return new GatewayError(
    "invalid_request",
    `The request is not valid HTTP (${err.code ?? "parse error"}): check its request line and header bytes.`,
  );
}

/**
 * Answers a request Node could not parse (bad header bytes, oversized headers, a malformed request line)
 * in the JSON error shape of the surface its path names, when the path can be read from the bytes
 * received, and the generic `{"error":{"code","message"}}` otherwise — never Node's bare text. The
 * connection is then closed: after a parse error nothing more on it can be trusted.
 * Fastify's `clientErrorHandler` (https://fastify.dev/docs/latest/Reference/Server/#clienterrorhandler).
 */
export function answerClientError(err: Error & { code?: string; rawPacket?: unknown }, socket: Socket): void {
  if (err.code === "ECONNRESET" || !socket.writable) {
    socket.destroy();
    return;
  }
  const gw = clientErrorOf(err);
  const path = Buffer.isBuffer(err.rawPacket) ? requestPath(err.rawPacket) : undefined;
  const errors = path === undefined ? undefined : errorsForPath(path, {});
  const body = JSON.stringify(errors ? errors.body(gw) : { error: { code: gw.code, message: gw.message } });
  socket.end(
    `HTTP/1.1 ${gw.status} ${gw.status === 431 ? "Request Header Fields Too Large" : gw.status === 408 ? "Request Timeout" : "Bad Request"}\r\n` +
      "content-type: application/json\r\n" +
      `content-length: ${Buffer.byteLength(body)}\r\n` +
      "connection: close\r\n\r\n" +
      body,
  );
}

/**
 * The path of the request line in the bytes received, if they start with one. The method is any token,
 * not only an upper-case one: a request refused for its method (`post /v1/messages`) still names its path.
 */
function requestPath(raw: Buffer): string | undefined {
  const line = raw.subarray(0, Math.min(raw.length, 2048)).toString("latin1").split("\r\n", 1)[0]!;
  return /^[!-~]+ (\/\S*)/.exec(line)?.[1];
}

import type { OutgoingHttpHeaders } from "node:http";

/**
 * Where the pipeline writes its answer: the part of Node's `ServerResponse` the serve, relay and error
 * steps use. An HTTP request passes its `ServerResponse` as it is (so HTTP answers are the same bytes);
 * another transport (the Responses API's WebSocket mode) passes its own implementation, which turns the
 * status, headers and streamed bytes into its messages.
 *
 * Events: `close` (the client went away or the answer ended), `drain` (a full buffer emptied),
 * `finish` (the answer was handed over).
 */
export interface ClientResponse {
  readonly destroyed: boolean;
  readonly writableEnded: boolean;
  readonly writableFinished: boolean;
  readonly headersSent: boolean;
  readonly statusCode: number;
  setHeader(name: string, value: number | string | readonly string[]): unknown;
  writeHead(statusCode: number, headers?: OutgoingHttpHeaders): unknown;
  flushHeaders(): void;
  /** False when the client's buffer is full: wait for `drain` before writing more. */
  write(chunk: Buffer | string): boolean;
  end(chunk?: Buffer | string): unknown;
  destroy(): unknown;
  on(event: "close" | "drain" | "finish", listener: () => void): unknown;
  once(event: "close" | "drain" | "finish", listener: () => void): unknown;
  off(event: "close" | "drain" | "finish", listener: () => void): unknown;
}

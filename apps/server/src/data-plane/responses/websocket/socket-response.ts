import { EventEmitter } from "node:events";
import type { OutgoingHttpHeaders } from "node:http";
import { SseParser } from "@gatehouse/protocol";
import WebSocket from "ws";
import type { ClientResponse } from "../../pipeline/client-response.js";
import { type SocketErrorBody, socketErrorEvent } from "./socket-error-event.js";

/** The events that end a response with its output (a failed response has none to continue from). */
const FINISHED: ReadonlySet<string> = new Set(["response.completed", "response.incomplete"]);

/**
 * One response's answer on a WebSocket, as the pipeline's ClientResponse: the Responses event stream the
 * pipeline writes (SSE, converted or an upstream's own) goes out as one JSON text message per event — the
 * event's `data`, unchanged — and an error answered as an HTTP status and `{"error":{...}}` goes out as
 * the WebSocket mode's `error` event. The socket stays open after the answer ends; `close` fires when the
 * answer ended or the socket closed, whichever comes first.
 *
 * Backpressure: `write` returns false while the socket's unsent bytes (`bufferedAmount`) are at or above
 * `highWaterMark`, and `drain` fires once they fall below it, so the relay stops reading the upstream.
 *
 * @param onFinished given each `response.completed` / `response.incomplete` event's `response` object
 * @example
 * const res = new SocketResponse(ws, 64 * 1024, (response) => session.remember(response));
 */
export class SocketResponse extends EventEmitter implements ClientResponse {
  statusCode = 200;
  headersSent = false;
  writableEnded = false;
  writableFinished = false;
  private readonly parser = new SseParser();
  private readonly headers: Record<string, string> = {};
  /** The body of an error answer, gathered until `end`. */
  private errorBody = "";
  private waitingDrain = false;
  private socketGone = false;

  constructor(
    private readonly ws: WebSocket,
    private readonly highWaterMark: number,
    private readonly onFinished: (response: Record<string, unknown>) => void,
  ) {
    super();
    ws.once("close", this.onSocketClose);
  }

  get destroyed(): boolean {
    return this.socketGone || this.ws.readyState !== WebSocket.OPEN;
  }

  setHeader(name: string, value: number | string | readonly string[]): this {
    this.headers[name.toLowerCase()] = String(value);
    return this;
  }

  writeHead(statusCode: number, headers?: OutgoingHttpHeaders): this {
    this.statusCode = statusCode;
    for (const [k, v] of Object.entries(headers ?? {})) if (v !== undefined) this.setHeader(k, v as string);
    this.headersSent = true;
    return this;
  }

  flushHeaders(): void {
    // Nothing to send: a WebSocket answer has no headers of its own, only events.
  }

  write(chunk: Buffer | string): boolean {
    if (this.destroyed || this.writableEnded) return false;
    if (this.statusCode !== 200) {
      this.errorBody += typeof chunk === "string" ? chunk : chunk.toString("utf8");
      return true;
    }
    for (const event of this.parser.push(chunk)) this.sendEvent(event.event, event.data);
    if (this.ws.bufferedAmount < this.highWaterMark) return true;
    this.waitingDrain = true;
    return false;
  }

  end(chunk?: Buffer | string): this {
    if (this.writableEnded) return this;
    if (chunk !== undefined) this.write(chunk);
    this.writableEnded = true;
    if (this.statusCode === 200) {
      for (const event of this.parser.end()) this.sendEvent(event.event, event.data);
    } else this.sendError();
    this.writableFinished = true;
    this.ws.off("close", this.onSocketClose);
    this.emit("finish");
    this.emit("close");
    return this;
  }

  /** The client is gone (the pipeline found it so): the socket is closed at once. */
  destroy(): this {
    this.ws.terminate();
    return this;
  }

  private sendEvent(name: string | undefined, data: string): void {
    if (this.destroyed || data === "" || data === "[DONE]") return;
    this.ws.send(data, this.afterSend);
    if (name !== undefined && !FINISHED.has(name)) return;
    const event = parseObject(data);
    const response = event?.response;
    if (event !== undefined && FINISHED.has(String(event.type)) && isObject(response))
      this.onFinished(response);
  }

  /** The pipeline's HTTP error answer (status + `{"error":{...}}`) as the socket's error event. */
  private sendError(): void {
    if (this.destroyed) return;
    const body = parseObject(this.errorBody);
    const error = isObject(body?.error)
      ? (body.error as unknown as SocketErrorBody)
      : { type: "server_error", code: "internal_error", message: this.errorBody.slice(0, 500), param: null };
    const retryAfter = this.headers["retry-after"];
    this.ws.send(
      socketErrorEvent(
        this.statusCode,
        error,
        retryAfter === undefined ? undefined : { "retry-after": retryAfter },
      ),
    );
  }

  private readonly afterSend = (): void => {
    if (!this.waitingDrain || this.ws.bufferedAmount >= this.highWaterMark) return;
    this.waitingDrain = false;
    this.emit("drain");
  };

  private readonly onSocketClose = (): void => {
    this.socketGone = true;
    if (this.writableFinished) return;
    this.emit("drain");
    this.emit("close");
  };
}

function parseObject(text: string): Record<string, unknown> | undefined {
  try {
    const v: unknown = JSON.parse(text);
    return isObject(v) ? v : undefined;
  } catch {
    return undefined;
  }
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

import WebSocket from "ws";

/** The upgrade was answered with an HTTP response instead of a socket. */
export class UpgradeRefused extends Error {
  constructor(
    readonly status: number,
    readonly body: string,
  ) {
    super(`upgrade answered ${status}`);
  }
}

/** A server message, parsed. */
export type SocketEvent = Record<string, unknown> & { type: string };

/** The events that end one response on the socket. */
const LAST: ReadonlySet<string> = new Set([
  "response.completed",
  "response.incomplete",
  "response.failed",
  "error",
]);

/**
 * A `ws` client of the gateway's Responses WebSocket mode for tests: every message is kept in arrival
 * order; `turn` sends a `response.create` and returns the events up to the one that ends the response.
 */
export class ResponsesSocketClient {
  readonly events: SocketEvent[] = [];
  /** The close code and reason, once closed. */
  readonly closed: Promise<{ code: number; reason: string }>;
  private read = 0;
  private waiter: (() => void) | undefined;

  private constructor(readonly ws: WebSocket) {
    ws.on("message", (data) => {
      this.events.push(JSON.parse(String(data)) as SocketEvent);
      this.waiter?.();
    });
    this.closed = new Promise((resolve) =>
      ws.on("close", (code, reason) => {
        resolve({ code, reason: String(reason) });
        this.waiter?.();
      }),
    );
  }

  /** Opens a socket on `${gatewayUrl}/v1/responses` with the key (if any) as a bearer token and extra headers. */
  static open(
    gatewayUrl: string,
    key: string | undefined,
    headers: Record<string, string> = {},
  ): Promise<ResponsesSocketClient> {
    const ws = new WebSocket(`${gatewayUrl.replace(/^http/, "ws")}/v1/responses`, {
      headers: { ...(key !== undefined && { authorization: `Bearer ${key}` }), ...headers },
    });
    return new Promise((resolve, reject) => {
      ws.once("open", () => resolve(new ResponsesSocketClient(ws)));
      ws.once("error", reject);
      ws.once("unexpected-response", (_req, res) => {
        let body = "";
        res.on("data", (chunk: Buffer) => {
          body += String(chunk);
        });
        res.on("end", () => reject(new UpgradeRefused(res.statusCode ?? 0, body)));
      });
    });
  }

  /** Sends a value as JSON text, a string as it is, or bytes (`binary` for a binary frame). */
  send(message: unknown, options: { binary?: boolean } = {}): void {
    if (Buffer.isBuffer(message)) this.ws.send(message, { binary: options.binary ?? false });
    else this.ws.send(typeof message === "string" ? message : JSON.stringify(message));
  }

  /** Sends `response.create` with `body` and returns the events until the one that ends it. */
  async turn(body: Record<string, unknown>): Promise<SocketEvent[]> {
    this.send({ type: "response.create", ...body });
    return this.untilLast();
  }

  /** The unread events up to and including the next one that ends a response (or the socket's close). */
  async untilLast(): Promise<SocketEvent[]> {
    const out: SocketEvent[] = [];
    for (;;) {
      while (this.read < this.events.length) {
        const event = this.events[this.read++]!;
        out.push(event);
        if (LAST.has(event.type)) return out;
      }
      if (this.ws.readyState === WebSocket.CLOSED) return out;
      await new Promise<void>((resolve) => {
        this.waiter = resolve;
      });
    }
  }

  close(): void {
    this.ws.close();
  }
}

/** The last event's `response` object (of a completed, incomplete or failed response). */
export function responseOf(events: SocketEvent[]): Record<string, unknown> {
  return events.at(-1)!.response as Record<string, unknown>;
}

/** The text the events streamed (`response.output_text.delta`). */
export function textOf(events: SocketEvent[]): string {
  return events
    .filter((e) => e.type === "response.output_text.delta")
    .map((e) => e.delta)
    .join("");
}

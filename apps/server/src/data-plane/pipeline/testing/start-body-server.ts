import { createServer, type IncomingMessage } from "node:http";
import { type AddressInfo, connect, type Socket } from "node:net";

/** How one readBody call on the server ended. */
export type BodyResult = { body: Buffer } | { error: unknown };

/** A node:http server that runs a body reader on each request, and raw sockets to talk to it. */
export interface BodyServer {
  /**
   * The result of the next request's read, in arrival order; "pending" when none came within `waitMs`
   * (the read is then still the next one to be returned).
   */
  next(waitMs?: number): Promise<BodyResult | "pending">;
  /** A raw connection that has sent `head` (request line and headers, blank line included). */
  open(head: string): Promise<Socket>;
  close(): Promise<void>;
}

/**
 * Starts a server whose handler calls `read(req)` and records how it ended, then answers (200, or 413 and
 * close on an error): the test writes the request's bytes itself, so it can send a body short, chunked
 * any way, over a limit, or not at all.
 */
export async function startBodyServer(read: (req: IncomingMessage) => Promise<Buffer>): Promise<BodyServer> {
  const results: BodyResult[] = [];
  const waiting: Array<(r: BodyResult) => void> = [];
  const push = (r: BodyResult) => {
    const w = waiting.shift();
    if (w) w(r);
    else results.push(r);
  };
  const server = createServer((req, res) => {
    read(req).then(
      (body) => {
        push({ body });
        res.end(String(body.length));
      },
      (error: unknown) => {
        push({ error });
        if (!res.destroyed) res.writeHead(413, { connection: "close" }).end();
      },
    );
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const { port } = server.address() as AddressInfo;
  return {
    next: (waitMs = 5_000) => {
      const r = results.shift();
      if (r) return Promise.resolve(r);
      return new Promise((resolve) => {
        const timer = setTimeout(() => {
          waiting.splice(waiting.indexOf(take), 1);
          resolve("pending");
        }, waitMs);
        const take = (result: BodyResult) => {
          clearTimeout(timer);
          resolve(result);
        };
        waiting.push(take);
      });
    },
    open: (head) =>
      new Promise((resolve, reject) => {
        const socket = connect(port, "127.0.0.1", () => socket.write(head, () => resolve(socket)));
        socket.on("error", reject);
      }),
    close: () =>
      new Promise<void>((r) => {
        server.closeAllConnections();
        server.close(() => r());
      }),
  };
}

/** The request head of a POST with a declared length. */
export function lengthHead(length: number): string {
  return `POST /v1/x HTTP/1.1\r\nhost: t\r\ncontent-length: ${length}\r\n\r\n`;
}

/** The request head of a chunked POST. */
export const CHUNKED_HEAD = "POST /v1/x HTTP/1.1\r\nhost: t\r\ntransfer-encoding: chunked\r\n\r\n";

/** One chunk of a chunked body (an empty one ends it). */
export function chunk(bytes: Buffer): Buffer {
  return Buffer.concat([Buffer.from(`${bytes.length.toString(16)}\r\n`), bytes, Buffer.from("\r\n")]);
}

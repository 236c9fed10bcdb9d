import { connect, type Socket } from "node:net";

/** An HTTP/1.1 response read off a raw socket. */
export interface RawResponse {
  status: number;
  /** Header names lowercased; a repeated header keeps its last value. */
  headers: Record<string, string>;
  body: string;
  /** From opening the connection to the last byte of the response. */
  ms: number;
}

/** One connection written to byte by byte, for what a client library would never send (or never hold back). */
export interface RawConnection {
  /** Writes bytes; resolves once the socket takes more (drain), false when the socket is gone. */
  write(bytes: Buffer | string): Promise<boolean>;
  /** The first response on the connection, once whole; rejects if the connection ends before it. */
  response: Promise<RawResponse>;
  /** {@link response}, rejected when it is not whole within `ms` (so a gateway that waits fails fast). */
  responseWithin(ms: number): Promise<RawResponse>;
  /** Resolves when the server ends or resets the connection, with ms since it was opened. */
  closed: Promise<number>;
  /** Whether the response has been received whole. */
  answered(): boolean;
  destroy(): void;
}

const HEAD_END = Buffer.from("\r\n\r\n");

/**
 * Opens a TCP connection to an http:// origin and writes `head` (request line, headers, and whatever
 * else the test wants on the wire). Nothing more is sent until the test calls `write`, so a test can
 * declare a body and withhold it.
 *
 * @example
 * const c = await openRaw(gw.url, "POST /v1/messages HTTP/1.1\r\nhost: x\r\ncontent-length: 10\r\n\r\n");
 * const res = await c.response; // answered before any body byte was sent
 */
export async function openRaw(origin: string, head: Buffer | string): Promise<RawConnection> {
  const { hostname, port } = new URL(origin);
  const started = Date.now();
  const socket = await new Promise<Socket>((resolve, reject) => {
    const s = connect({ host: hostname, port: Number(port) }, () => resolve(s));
    s.once("error", reject);
  });
  // After the server closes, writes fail with EPIPE/ECONNRESET: that is what the tests expect to happen.
  socket.on("error", () => {});
  let received = Buffer.alloc(0);
  let done = false;
  const closed = new Promise<number>((resolve) => socket.once("close", () => resolve(Date.now() - started)));
  const response = new Promise<RawResponse>((resolve, reject) => {
    socket.on("data", (chunk: Buffer) => {
      if (done) return;
      received = Buffer.concat([received, chunk]);
      const parsed = parseResponse(received, false);
      if (parsed === undefined) return;
      done = true;
      resolve({ ...parsed, ms: Date.now() - started });
    });
    socket.once("close", () => {
      if (done) return;
      const parsed = parseResponse(received, true);
      done = true;
      if (parsed === undefined)
        reject(
          new Error(`connection closed without a response: ${JSON.stringify(received.toString("latin1"))}`),
        );
      else resolve({ ...parsed, ms: Date.now() - started });
    });
  });
  // Callers that only watch `closed` must not see an unhandled rejection.
  response.catch(() => {});
  socket.write(head);
  return {
    write: (bytes) =>
      new Promise<boolean>((resolve) => {
        if (socket.destroyed || !socket.writable) return resolve(false);
        if (socket.write(bytes)) return resolve(true);
        const settle = () => {
          socket.off("drain", settle);
          socket.off("close", settle);
          resolve(!socket.destroyed);
        };
        socket.once("drain", settle);
        socket.once("close", settle);
      }),
    response,
    responseWithin: (ms) => within(response, ms, `no response within ${ms} ms`),
    closed,
    answered: () => done,
    destroy: () => socket.destroy(),
  };
}

/**
 * Sends `head` on a fresh connection and returns the response (failing when none is whole within
 * `answerWithinMs`) together with whether, and how soon, the server closed the connection after it
 * (waiting at most `closeWithinMs`).
 */
export async function rawRequest(
  origin: string,
  head: Buffer | string,
  { answerWithinMs = 5_000, closeWithinMs = 1_000 } = {},
): Promise<RawResponse & { closedMs: number | undefined }> {
  const c = await openRaw(origin, head);
  try {
    const res = await c.responseWithin(answerWithinMs);
    const closedMs = await within(c.closed, closeWithinMs, "").catch(() => undefined);
    return { ...res, closedMs };
  } finally {
    c.destroy();
  }
}

function within<T>(promise: Promise<T>, ms: number, message: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(message)), ms);
  });
  return Promise.race([promise, deadline]).finally(() => clearTimeout(timer));
}

/** The response in `bytes` if it is whole (or, at `eof`, as much as came), else undefined. */
function parseResponse(bytes: Buffer, eof: boolean): Omit<RawResponse, "ms"> | undefined {
  const end = bytes.indexOf(HEAD_END);
  if (end === -1) return undefined;
  const [statusLine, ...lines] = bytes.subarray(0, end).toString("latin1").split("\r\n");
  const status = Number(/^HTTP\/1\.[01] (\d{3})/.exec(statusLine ?? "")?.[1] ?? Number.NaN);
  const headers: Record<string, string> = {};
  for (const line of lines) {
    const colon = line.indexOf(":");
    if (colon > 0) headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
  }
  const rest = bytes.subarray(end + HEAD_END.length);
  const body = headers["transfer-encoding"]?.includes("chunked")
    ? dechunk(rest)
    : fixedLength(rest, headers["content-length"], eof);
  if (body === undefined) return undefined;
  return { status, headers, body: body.toString("utf8") };
}

function fixedLength(rest: Buffer, contentLength: string | undefined, eof: boolean): Buffer | undefined {
  if (contentLength === undefined) return eof ? rest : undefined;
  const n = Number(contentLength);
  return rest.length >= n ? rest.subarray(0, n) : undefined;
}

/** A chunked body, once its last (zero) chunk came; undefined before. */
function dechunk(rest: Buffer): Buffer | undefined {
  const parts: Buffer[] = [];
  let at = 0;
  for (;;) {
    const lineEnd = rest.indexOf("\r\n", at);
    if (lineEnd === -1) return undefined;
    const size = Number.parseInt(rest.subarray(at, lineEnd).toString("latin1"), 16);
    if (Number.isNaN(size)) return undefined;
    if (size === 0) return Buffer.concat(parts);
    const start = lineEnd + 2;
    if (rest.length < start + size + 2) return undefined;
    parts.push(rest.subarray(start, start + size));
    at = start + size + 2;
  }
}

import { type IncomingHttpHeaders, type IncomingMessage, request } from "node:http";

/** One HTTP request as a client would write it, before any key is added. */
export interface RawRequest {
  method: "GET" | "POST";
  path: string;
  query: Record<string, string>;
  headers: Record<string, string>;
  /** The body; undefined for GETs. */
  body: string | Buffer | undefined;
}

/** How the body goes on the wire. */
export type BodySending =
  /** With its Content-Length, whole (the default). */
  | { kind: "whole" }
  /**
   * Only the headers, declaring `length` bytes: the answer is awaited before a byte of body is sent,
   * which is what a server that checks the declared length up front answers.
   */
  | { kind: "declared-only"; length: number }
  /** Chunked, `bytes` of filler in 16 KiB chunks, then the answer is awaited without ending the body. */
  | { kind: "chunked-unended"; bytes: number };

/** A gateway answer, read to the end (or to where the client left). */
export interface RawAnswer {
  status: number;
  headers: IncomingHttpHeaders;
  body: string;
  requestId: string;
}

export interface RawCallOptions {
  sending?: BodySending;
  /** Leave (destroy the connection) once this many body chunks of the answer arrived. */
  leaveAfterChunks?: number;
}

/**
 * Sends one request over node:http — not fetch, so that a test can hold a body back, send it chunked
 * and unended, or leave mid-answer — and reads the answer. Never rejects on a connection the server
 * closes after answering.
 *
 * @example
 * const a = await rawCall(gw.url, { method: "GET", path: "/v1/models", query: {}, headers, body: undefined });
 */
export function rawCall(base: string, r: RawRequest, options: RawCallOptions = {}): Promise<RawAnswer> {
  const url = new URL(r.path, base);
  for (const [k, v] of Object.entries(r.query)) url.searchParams.set(k, v);
  const sending = options.sending ?? { kind: "whole" };
  const headers: Record<string, string> = { ...r.headers };
  if (sending.kind === "declared-only") headers["content-length"] = String(sending.length);
  else if (sending.kind === "chunked-unended") headers["transfer-encoding"] = "chunked";
  else if (r.body !== undefined) headers["content-length"] = String(Buffer.byteLength(r.body));
  return new Promise((resolve, reject) => {
    let answered = false;
    const req = request(url, { method: r.method, headers }, (res) => {
      answered = true;
      void readAnswer(res, options.leaveAfterChunks, () => req.destroy()).then(resolve);
    });
    // A server that answered early may close while the body is still being written: the answer counts.
    req.on("error", (err) => {
      if (!answered) reject(err);
    });
    if (sending.kind === "declared-only") req.flushHeaders();
    else if (sending.kind === "chunked-unended") writeFiller(req, sending.bytes);
    else req.end(r.body);
  });
}

function readAnswer(
  res: IncomingMessage,
  leaveAfterChunks: number | undefined,
  leave: () => void,
): Promise<RawAnswer> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    const done = () =>
      resolve({
        status: res.statusCode ?? 0,
        headers: res.headers,
        body: Buffer.concat(chunks).toString("utf8"),
        requestId: String(res.headers["x-gatehouse-request-id"] ?? ""),
      });
    res.on("data", (chunk: Buffer) => {
      chunks.push(chunk);
      if (leaveAfterChunks !== undefined && chunks.length >= leaveAfterChunks) {
        leave();
        done();
      }
    });
    res.on("end", done);
    res.on("close", done);
    res.on("error", done);
  });
}

function writeFiller(req: ReturnType<typeof request>, bytes: number): void {
  const chunk = Buffer.alloc(16 * 1024, "x");
  for (let sent = 0; sent < bytes; sent += chunk.length) {
    req.write(chunk.subarray(0, Math.min(chunk.length, bytes - sent)));
  }
}

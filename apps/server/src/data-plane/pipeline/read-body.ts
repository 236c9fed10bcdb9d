import type { IncomingMessage } from "node:http";
import { GatewayError } from "@gatehouse/protocol";
import { ClientGone } from "./client-gone.js";

const EMPTY = Buffer.alloc(0);

/**
 * Reads a request body into one Buffer, never past `limit` bytes: a `content-length` over the limit is
 * refused before anything is read, and a chunked body is refused (413) as soon as it passes the limit —
 * the rest is never buffered. A client that goes away mid-body rejects with {@link ClientGone}. Run only
 * after authentication (an unauthenticated caller's body is never read).
 *
 * When the length is declared, the bytes are copied into one buffer of that size as they arrive (no
 * list of chunks to concatenate); a body shorter than declared is a client gone (Node reports it aborted).
 *
 * @example
 * const body = await readBody(req.raw, rt.bodyLimit); // throws payload_too_large above the limit
 */
export function readBody(req: IncomingMessage, limit: number): Promise<Buffer> {
  const declared = declaredLength(req);
  if (declared !== undefined && declared > limit) return Promise.reject(tooLarge(limit));
  if (declared === 0 || req.readableEnded) return Promise.resolve(EMPTY);
  return new Promise((resolve, reject) => {
    const buf = declared === undefined ? undefined : Buffer.allocUnsafe(declared);
    const chunks: Buffer[] = [];
    let size = 0;
    const done = (err: Error | undefined, body?: Buffer) => {
      req.off("data", onData);
      req.off("end", onEnd);
      req.off("error", onError);
      req.off("close", onClose);
      if (err) {
        // Stop taking bytes from the socket: the answer (413, or nothing) closes the connection.
        req.pause();
        reject(err);
      } else resolve(body!);
    };
    const onData = (chunk: Buffer) => {
      const next = size + chunk.length;
      if (next > limit || (buf !== undefined && next > buf.length)) return done(tooLarge(limit));
      if (buf !== undefined) chunk.copy(buf, size);
      else chunks.push(chunk);
      size = next;
    };
    const onEnd = () => {
      if (buf !== undefined) done(undefined, size === buf.length ? buf : buf.subarray(0, size));
      else done(undefined, chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks, size));
    };
    const onError = () => done(new ClientGone());
    const onClose = () => {
      if (!req.readableEnded) done(new ClientGone());
    };
    req.on("data", onData);
    req.on("end", onEnd);
    req.on("error", onError);
    req.on("close", onClose);
  });
}

/** The declared body length; undefined when the body is chunked or the header is absent. */
function declaredLength(req: IncomingMessage): number | undefined {
  const header = req.headers["content-length"];
  if (header === undefined || req.headers["transfer-encoding"] !== undefined) return undefined;
  // Node's parser has already refused a malformed or negative Content-Length.
  const n = Number(header);
  return Number.isSafeInteger(n) && n >= 0 ? n : undefined;
}

function tooLarge(limit: number): GatewayError {
  return new GatewayError(
    "payload_too_large",
    `The request body exceeds the size limit of ${limit} bytes (GATEHOUSE_BODY_LIMIT).`,
  );
}

import type { IncomingMessage, ServerResponse } from "node:http";

/** How long, and how many more bytes, an unread body is taken in and thrown away before hanging up. */
export interface LingerLimits {
  ms: number;
  bytes: number;
}

const DEFAULT_LIMITS: LingerLimits = { ms: 1_000, bytes: 256 * 1024 };

/**
 * After an answer sent before the request's body was read (a 401 before the body, a 413): the rest of the
 * body is read and discarded — never buffered — for a moment, then the connection is closed if the body
 * is still coming. Closing at once would make the kernel answer the client's next bytes with a reset,
 * and a client still uploading then often loses the answer it was sent (nginx's "lingering close" for the
 * same reason). A small body simply ends, and the connection stays usable (keep-alive), so a client with a
 * mistyped key does not lose its connection either. An unauthenticated upload costs at most `bytes` of
 * reading and `ms` of a socket.
 */
export function lingerUnreadBody(
  req: IncomingMessage,
  res: ServerResponse,
  limits: LingerLimits = DEFAULT_LIMITS,
): void {
  if (req.complete) return;
  res.once("finish", () => {
    if (req.complete) return;
    const socket = req.socket;
    const startBytes = socket.bytesRead;
    const hangUp = () => {
      clearInterval(watch);
      clearTimeout(timer);
      if (!req.complete) socket.destroy();
    };
    const timer = setTimeout(hangUp, limits.ms);
    const watch = setInterval(
      () => {
        if (req.complete) hangUp();
        else if (socket.bytesRead - startBytes > limits.bytes) hangUp();
      },
      Math.min(50, limits.ms),
    );
    socket.once("close", hangUp);
    // A body paused mid-read (a 413 while reading) flows again, into nothing.
    req.resume();
  });
}

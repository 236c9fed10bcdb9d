/** The limits of the Responses API's WebSocket mode (docs/responses.md, "WebSocket mode"). */
export interface SocketLimits {
  /** The largest message taken, bytes (the HTTP body limit by default); larger → error event, close 1009. */
  maxMessageBytes: number;
  /** No message for this long while no response runs → error event, close 1000. */
  idleMs: number;
  /** How often the server pings; a socket that has not answered the previous ping is dropped. */
  pingMs: number;
  /** A connection's longest life (OpenAI's is 60 minutes); then error event, close 1000, after any response in flight. */
  maxConnectionMs: number;
  /** Unsent bytes on the socket above which the upstream is no longer read until they drain. */
  highWaterMark: number;
  /** At shutdown, how long a response in flight may finish before its socket is cut (as HTTP streams). */
  shutdownGraceMs: number;
}

/** The defaults, the message limit aside (the HTTP body limit). */
export const DEFAULT_SOCKET_LIMITS: Omit<SocketLimits, "maxMessageBytes"> = {
  idleMs: 10 * 60_000,
  pingMs: 30_000,
  maxConnectionMs: 60 * 60_000,
  highWaterMark: 64 * 1024,
  shutdownGraceMs: 30_000,
};

/** The limits in force: the settings given, the defaults for the rest. */
export function socketLimits(bodyLimit: number, settings: Partial<SocketLimits> = {}): SocketLimits {
  return { maxMessageBytes: bodyLimit, ...DEFAULT_SOCKET_LIMITS, ...settings };
}

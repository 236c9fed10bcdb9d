import type { ErrorCode, GatewayError, IrUsage } from "@gatehouse/protocol";

/** An error met in a stream: an upstream error event, data that could not be decoded, or a cut stream. */
export interface StreamError {
  code: ErrorCode;
  message: string;
}

/**
 * What sits between an upstream's streamed body and the client: it turns each upstream chunk into what
 * the client is sent (the same bytes on a passthrough, the client's own protocol on a conversion) and
 * meters the stream on the way — usage, characters delivered, whether it completed, its first error.
 * The relay stops reading once `error` is set.
 */
export interface StreamPipe {
  /** One upstream chunk → the bytes or text to send the client (possibly empty). */
  push(chunk: Buffer): Buffer | string;
  /**
   * The upstream body ended: what is left to send. A stream that ended without its format's end marker
   * gets `error` (stream_interrupted) and its tail is the client protocol's in-stream error event — never
   * a success marker (DESIGN.md invariant 4).
   */
  end(): Buffer | string;
  readonly usage: IrUsage | undefined;
  readonly deliveredChars: number;
  readonly completed: boolean;
  readonly error: StreamError | undefined;
  /**
   * The in-stream error event for a failure the relay meets itself (a timeout, a dropped connection),
   * when this stream must write it (numbered events: the Responses API's `sequence_number`); absent: the
   * surface's own event.
   */
  errorEvent?(err: GatewayError): string;
}

import { GatewayError, isGatewayError } from "./errors/gateway-error.js";
import type { IrStreamEvent } from "./ir/stream-event.js";

/** The IR error event for a failure while decoding an upstream stream (malformed data → upstream_error). */
export function streamErrorEvent(err: unknown): IrStreamEvent {
  const e = isGatewayError(err) ? err : new GatewayError("upstream_error", "Unexpected upstream stream data");
  return { type: "error", code: e.code, message: e.message };
}

/** The IR error event of a stream whose body ended before the format's end marker. */
export function streamInterruptedEvent(message: string): IrStreamEvent {
  return { type: "error", code: "stream_interrupted", message };
}

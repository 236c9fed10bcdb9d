import type { IrStreamEvent } from "./ir/stream-event.js";
import type { SseEvent } from "./sse/sse-parser.js";

/**
 * Turns one upstream's stream into IR events. A typed state machine over parsed frames (SSE events,
 * NDJSON objects or AWS event-stream messages), never string surgery on raw text.
 * `end()` is called when the upstream body ends: a decoder that has not seen the format's own end marker
 * returns an `error` event (code stream_interrupted) instead of `finish`/`end`.
 */
export interface StreamDecoder<Frame = SseEvent> {
  push(frame: Frame): IrStreamEvent[];
  end(): IrStreamEvent[];
}

/**
 * Turns IR events into one client protocol's wire text (SSE frames), ready to write to the socket.
 * After an `error` event it emits the protocol's own in-stream error and nothing that looks like success.
 */
export interface StreamEncoder {
  push(event: IrStreamEvent): string;
}

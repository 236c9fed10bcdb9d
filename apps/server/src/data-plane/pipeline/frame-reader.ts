import { EventStreamParser, NdjsonParser, SseParser } from "@gatehouse/protocol";
import type { StreamFraming } from "../../providers/provider-adapter.js";

/** Splits an upstream body into the frames its stream decoder reads. */
export interface FrameReader {
  push(chunk: Buffer): unknown[];
  end(): unknown[];
}

/** The frame reader of a framing: SSE events, NDJSON objects or AWS event-stream messages. */
export function createFrameReader(framing: StreamFraming): FrameReader {
  switch (framing) {
    case "sse":
      return new SseParser();
    case "ndjson":
      return new NdjsonParser();
    case "eventstream": {
      // A body cut mid-message leaves bytes in the parser; the Bedrock decoder's end() reports the
      // stream as interrupted, since messageStop and metadata never came.
      const parser = new EventStreamParser();
      return { push: (chunk) => parser.push(chunk), end: () => [] };
    }
  }
}

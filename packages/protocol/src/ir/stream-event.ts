import type { IrFinishReason } from "./finish-reason.js";
import type { IrUsage } from "./usage.js";

/** The kind of a content block opened in a stream. */
export type IrBlockStart =
  | { type: "text" }
  | { type: "reasoning" }
  | { type: "redacted_reasoning"; data: string }
  | { type: "tool_call"; id: string; name: string };

export type IrBlockDelta =
  | { type: "text"; text: string }
  | { type: "reasoning"; text: string }
  | { type: "signature"; signature: string }
  | { type: "tool_arguments"; json: string };

/**
 * One event of a streamed answer. Every block has start, deltas and end, indexed from 0 in order of
 * appearance. A successful stream ends with `finish` then `end`; a failed one with `error` and no `end`.
 * `usage` may appear more than once: the last one wins (counts are cumulative).
 */
export type IrStreamEvent =
  | { type: "start"; id: string; model: string; created: number }
  | { type: "block_start"; index: number; block: IrBlockStart }
  | { type: "block_delta"; index: number; delta: IrBlockDelta }
  | { type: "block_end"; index: number; signature?: string }
  | { type: "usage"; usage: IrUsage }
  | { type: "finish"; reason: IrFinishReason; stopSequence?: string }
  | { type: "error"; code: import("../errors/error-codes.js").ErrorCode; message: string }
  | { type: "end" };

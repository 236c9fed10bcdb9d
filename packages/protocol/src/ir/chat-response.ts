import type { IrReasoningPart, IrTextPart, IrToolCallPart } from "./content.js";
import type { IrFinishReason } from "./finish-reason.js";
import type { IrUsage } from "./usage.js";

/** A complete (non-streamed) model answer. */
export interface IrChatResponse {
  id: string;
  model: string;
  /** Unix seconds. */
  created: number;
  content: Array<IrTextPart | IrReasoningPart | IrToolCallPart>;
  finishReason: IrFinishReason;
  /** The stop sequence that matched, when finishReason is stop_sequence. */
  stopSequence?: string;
  usage: IrUsage;
}

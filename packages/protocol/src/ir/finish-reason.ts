/**
 * Why a generation ended, in one vocabulary for every provider.
 * - stop: natural end of turn; stop_sequence: a caller's stop sequence matched;
 * - length: max tokens reached; tool_calls: the model asks for tool calls;
 * - content_filter: blocked or refused by a safety system; pause: a long turn paused by the provider;
 * - error: the generation failed; other: anything a provider adds that none of these names.
 */
export type IrFinishReason =
  | "stop"
  | "stop_sequence"
  | "length"
  | "tool_calls"
  | "content_filter"
  | "pause"
  | "error"
  | "other";

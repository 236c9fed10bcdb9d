import { describe, expect, it } from "vitest";
import { decodeAnthropicStopReason } from "./decode-anthropic-stop-reason.js";

describe("decodeAnthropicStopReason", () => {
  it.each([
    ["end_turn", "stop"],
    ["max_tokens", "length"],
    ["stop_sequence", "stop_sequence"],
    ["tool_use", "tool_calls"],
    ["pause_turn", "pause"],
    ["refusal", "content_filter"],
    ["model_context_window_exceeded", "length"],
    ["something_new", "other"],
    [null, "other"],
  ])("%s → %s", (wire, ir) => {
    expect(decodeAnthropicStopReason(wire)).toBe(ir);
  });
});

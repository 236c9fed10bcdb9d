import { describe, expect, it } from "vitest";
import { decodeAnthropicStopReason } from "./decode-anthropic-stop-reason.js";
import { encodeAnthropicStopReason } from "./encode-anthropic-stop-reason.js";

describe("encodeAnthropicStopReason", () => {
  it.each([
    ["stop", "end_turn"],
    ["stop_sequence", "stop_sequence"],
    ["length", "max_tokens"],
    ["tool_calls", "tool_use"],
    ["content_filter", "refusal"],
    ["pause", "pause_turn"],
    ["error", "end_turn"],
    ["other", "end_turn"],
  ] as const)("%s → %s", (ir, wire) => {
    expect(encodeAnthropicStopReason(ir)).toBe(wire);
  });

  it("round-trips every reason Anthropic has a word for", () => {
    for (const reason of [
      "stop",
      "stop_sequence",
      "length",
      "tool_calls",
      "content_filter",
      "pause",
    ] as const) {
      expect(decodeAnthropicStopReason(encodeAnthropicStopReason(reason))).toBe(reason);
    }
  });
});

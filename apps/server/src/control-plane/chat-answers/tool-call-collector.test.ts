import { describe, expect, it } from "vitest";
import { MAX_TOOL_CALLS, ToolCallCollector } from "./tool-call-collector.js";

describe("ToolCallCollector", () => {
  it("joins each call's argument fragments, in index order", () => {
    const calls = new ToolCallCollector();
    expect(calls.any).toBe(false);
    calls.add({ index: 1, id: "call_b", name: "lookup", arguments: '{"q":' });
    calls.add({ index: 0, id: "call_a", name: "get_weather", arguments: "" });
    calls.add({ index: 1, name: "lookup", arguments: '"x"}' });
    calls.add({ index: 0, arguments: "{}" });
    expect(calls.parts()).toEqual([
      { type: "tool_call", id: "call_a", name: "get_weather", arguments: "{}" },
      { type: "tool_call", id: "call_b", name: "lookup", arguments: '{"q":"x"}' },
    ]);
    expect(calls.bytes).toBe("lookup".length + "get_weather".length + '{"q":"x"}{}'.length);
  });

  it("names a call whose id never came, and refuses a call past the maximum", () => {
    const calls = new ToolCallCollector();
    calls.add({ index: 3, name: "f", arguments: "{}" });
    expect(calls.parts()[0]?.id).toBe("call_3");
    for (let i = 4; i < MAX_TOOL_CALLS + 3; i++) expect(calls.add({ index: i, arguments: "" })).toBe(true);
    expect(calls.add({ index: 999, arguments: "" })).toBe(false);
    expect(calls.add({ index: 3, arguments: "" })).toBe(true);
  });
});

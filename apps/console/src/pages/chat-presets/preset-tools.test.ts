import { describe, expect, it } from "vitest";
import { EXAMPLE_TOOL, parsePresetTools, toolsSummary, toolsText, withExampleTool } from "./preset-tools";

describe("preset tools editor", () => {
  it("reads tools, and empty text as none", () => {
    expect(parsePresetTools("  ")).toEqual({ tools: [] });
    expect(parsePresetTools(toolsText([EXAMPLE_TOOL]))).toEqual({ tools: [EXAMPLE_TOOL] });
  });

  it("says what is wrong and where", () => {
    expect(parsePresetTools("[{")).toMatchObject({ error: expect.stringMatching(/^Not valid JSON/) });
    expect(parsePresetTools("{}")).toMatchObject({ error: expect.stringMatching(/JSON array/) });
    const twice = JSON.stringify([EXAMPLE_TOOL, EXAMPLE_TOOL]);
    expect(parsePresetTools(twice)).toEqual({
      error: "Tool 2, function.name: The tool name 'get_weather' is used twice.",
    });
    const badName = JSON.stringify([{ type: "function", function: { name: "no spaces" } }]);
    expect(parsePresetTools(badName)).toEqual({
      error: "Tool 1, function.name: A tool name is 1–64 letters, digits, underscores or dashes.",
    });
  });

  it("adds the example with a fresh name, and summarises a card", () => {
    const one = withExampleTool("");
    const two = withExampleTool(one);
    const tools =
      "tools" in parsePresetTools(two)
        ? (parsePresetTools(two) as { tools: (typeof EXAMPLE_TOOL)[] }).tools
        : [];
    expect(tools.map((t) => t.function.name)).toEqual(["get_weather", "get_weather_2"]);
    expect(withExampleTool("not json")).toBe("not json");
    expect(toolsSummary(tools)).toBe("2 tools: get_weather, get_weather_2");
    expect(toolsSummary([])).toBe("");
  });
});

import { describe, expect, it } from "vitest";
import { enforceParamPolicy } from "./enforce-param-policy.js";

const refuse = { name: "m", unsupportedParams: "refuse" as const };

describe("enforceParamPolicy", () => {
  it("lets everything through under 'drop', and nothing-dropped under 'refuse'", () => {
    expect(() =>
      enforceParamPolicy(["top_k is not supported by openai; dropped"], {
        ...refuse,
        unsupportedParams: "drop",
      }),
    ).not.toThrow();
    expect(() => enforceParamPolicy([], refuse)).not.toThrow();
  });

  it("refuses under 'refuse' with unsupported_parameter naming the first parameter and every warning", () => {
    const warnings = [
      "top_k is not supported by openai; dropped",
      "seed is not supported by anthropic; dropped",
    ];
    try {
      enforceParamPolicy(warnings, refuse);
      expect.unreachable();
    } catch (err) {
      expect(err).toMatchObject({ code: "unsupported_parameter", status: 400, details: { param: "top_k" } });
      expect((err as Error).message).toContain("top_k is not supported by openai");
      expect((err as Error).message).toContain("seed is not supported");
    }
  });

  it("names a parameter only when the warning opens with one", () => {
    const paramOf = (w: string) => {
      try {
        enforceParamPolicy([w], refuse);
      } catch (err) {
        return (err as { details: { param?: string } }).details.param;
      }
      return "did not throw";
    };
    expect(paramOf("parallel_tool_calls=false is not supported by gemini; dropped")).toBe(
      "parallel_tool_calls",
    );
    expect(
      paramOf("image URLs are not supported by ollama (fetch them into base64 first); dropped"),
    ).toBeUndefined();
    expect(paramOf("message 2 has no content anthropic accepts; dropped")).toBeUndefined();
  });
});

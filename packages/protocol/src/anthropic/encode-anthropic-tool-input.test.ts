import { describe, expect, it } from "vitest";
import { encodeAnthropicToolInput, RAW_ARGUMENTS_KEY } from "./encode-anthropic-tool-input.js";

describe("encodeAnthropicToolInput", () => {
  it("parses object arguments and wraps everything else, deep JSON included", () => {
    expect(encodeAnthropicToolInput('{"city":"Paris"}')).toEqual({
      input: { city: "Paris" },
      wrapped: false,
    });
    expect(encodeAnthropicToolInput("")).toEqual({ input: {}, wrapped: false });
    expect(encodeAnthropicToolInput("[1]")).toEqual({ input: { [RAW_ARGUMENTS_KEY]: "[1]" }, wrapped: true });
    const deep = `{"a":${"[".repeat(100_000)}${"]".repeat(100_000)}}`;
    const encoded = encodeAnthropicToolInput(deep);
    expect(encoded.wrapped).toBe(true);
    // What the server does next with the upstream request: it must not overflow the stack.
    expect(JSON.stringify(encoded.input).length).toBeGreaterThan(200_000);
  });
});

import { decodeAnthropicUsage, GatewayError } from "@gatehouse/protocol";
import { describe, expect, it } from "vitest";
import { usageFrom } from "./passthrough-helpers.js";

describe("usageFrom", () => {
  const read = usageFrom("usage", (v) => decodeAnthropicUsage(v));

  it("reads the usage a whole answer reports", () => {
    expect(read({ usage: { input_tokens: 3, output_tokens: 5 } })).toMatchObject({
      inputTokens: 3,
      outputTokens: 5,
    });
  });

  it("is undefined for an answer without usage, or with usage its decoder refuses", () => {
    expect(read({})).toBeUndefined();
    expect(read(null)).toBeUndefined();
    expect(read({ usage: null })).toBeUndefined();
    const refusing = usageFrom("usage", () => {
      throw new GatewayError("upstream_error", "bad usage");
    });
    expect(refusing({ usage: { input_tokens: "x" } })).toBeUndefined();
  });
});

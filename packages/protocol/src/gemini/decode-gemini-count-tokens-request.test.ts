import { describe, expect, it } from "vitest";
import { GatewayError } from "../errors/gateway-error.js";
import { decodeGeminiCountTokensRequest } from "./decode-gemini-count-tokens-request.js";

describe("decodeGeminiCountTokensRequest", () => {
  it("decodes plain contents", () => {
    const ir = decodeGeminiCountTokensRequest(
      { contents: [{ parts: [{ text: "Hi" }] }] },
      "models/gemini-2.5-flash",
    );
    expect(ir).toEqual({
      model: "gemini-2.5-flash",
      stream: false,
      messages: [{ role: "user", content: [{ type: "text", text: "Hi" }] }],
    });
  });

  it("decodes a whole generateContentRequest, system instruction and tools included", () => {
    const ir = decodeGeminiCountTokensRequest(
      {
        generateContentRequest: {
          model: "models/other",
          contents: [{ role: "user", parts: [{ text: "Hi" }] }],
          systemInstruction: { parts: [{ text: "sys" }] },
          tools: [{ functionDeclarations: [{ name: "f" }] }],
        },
      },
      "gemini-2.5-flash",
    );
    expect(ir.model).toBe("gemini-2.5-flash");
    expect(ir.system).toEqual([{ type: "text", text: "sys" }]);
    expect(ir.tools?.map((t) => t.name)).toEqual(["f"]);
  });

  it("refuses both forms at once, and neither", () => {
    const both = {
      contents: [{ parts: [{ text: "a" }] }],
      generateContentRequest: { contents: [{ parts: [{ text: "b" }] }] },
    };
    expect(() => decodeGeminiCountTokensRequest(both, "m")).toThrow(GatewayError);
    expect(() => decodeGeminiCountTokensRequest({}, "m")).toThrow(GatewayError);
  });
});

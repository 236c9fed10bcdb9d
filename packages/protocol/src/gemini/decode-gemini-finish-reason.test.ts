import { describe, expect, it } from "vitest";
import type { IrFinishReason } from "../ir/finish-reason.js";
import { decodeGeminiFinishReason } from "./decode-gemini-finish-reason.js";
import { encodeGeminiFinishReason } from "./encode-gemini-finish-reason.js";

describe("Gemini finish reasons", () => {
  it("says tool_calls for a STOP answer holding function calls", () => {
    expect(decodeGeminiFinishReason("STOP", true)).toBe("tool_calls");
    expect(decodeGeminiFinishReason("STOP", false)).toBe("stop");
    expect(decodeGeminiFinishReason("CONTINUATION", false)).toBe("pause");
    expect(decodeGeminiFinishReason("SOMETHING_NEW", false)).toBe("other");
  });

  it("encodes every IR reason to a Gemini reason that decodes back to the same family", () => {
    const all: IrFinishReason[] = [
      "stop",
      "stop_sequence",
      "length",
      "tool_calls",
      "content_filter",
      "pause",
      "error",
      "other",
    ];
    expect(all.map(encodeGeminiFinishReason)).toEqual([
      "STOP",
      "STOP",
      "MAX_TOKENS",
      "STOP",
      "SAFETY",
      "OTHER",
      "OTHER",
      "OTHER",
    ]);
    expect(decodeGeminiFinishReason(encodeGeminiFinishReason("length"), false)).toBe("length");
    expect(decodeGeminiFinishReason(encodeGeminiFinishReason("content_filter"), false)).toBe(
      "content_filter",
    );
  });
});

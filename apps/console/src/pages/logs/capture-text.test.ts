import { describe, expect, it } from "vitest";
import { assembleStream, prettyJson } from "./capture-text";

describe("prettyJson", () => {
  it("indents JSON and leaves other text as it is", () => {
    expect(prettyJson('{"a":[1]}')).toBe('{\n  "a": [\n    1\n  ]\n}');
    expect(prettyJson('{"a":')).toBe('{"a":');
  });
});

describe("assembleStream", () => {
  it("joins OpenAI, Anthropic and Gemini deltas, skipping markers and a cut last event", () => {
    const openai =
      'data: {"choices":[{"delta":{"content":"Hel"}}]}\n\ndata: {"choices":[{"delta":{"content":"lo"}}]}\n\ndata: [DONE]\n\n';
    expect(assembleStream(openai)).toBe("Hello");
    const anthropic =
      'event: content_block_delta\ndata: {"type":"content_block_delta","delta":{"type":"text_delta","text":"Hi"}}\n\n';
    expect(assembleStream(anthropic)).toBe("Hi");
    const gemini = 'data: {"candidates":[{"content":{"parts":[{"text":"Yo"}]}}]}\n\ndata: {"candid';
    expect(assembleStream(gemini)).toBe("Yo");
  });
});

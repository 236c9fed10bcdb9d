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

  it("joins the Responses API's text deltas, not the done events that repeat the text", () => {
    const responses = [
      'event: response.created\ndata: {"type":"response.created","sequence_number":0,"response":{"output":[]}}',
      'event: response.output_text.delta\ndata: {"type":"response.output_text.delta","sequence_number":4,"delta":"Hel"}',
      'event: response.output_text.delta\ndata: {"type":"response.output_text.delta","sequence_number":5,"delta":"lo"}',
      'event: response.output_text.done\ndata: {"type":"response.output_text.done","sequence_number":6,"text":"Hello"}',
      'event: response.completed\ndata: {"type":"response.completed","sequence_number":9,"response":{"output":[{"content":[{"text":"Hello"}]}]}}',
    ].join("\n\n");
    expect(assembleStream(responses)).toBe("Hello");
  });
});

import { describe, expect, it } from "vitest";
import { estimatePromptTokens, fakeReplyPieces, fakeReplyText, fakeToolCallId } from "./fake-reply.js";
import { planFakeReply } from "./plan-fake-reply.js";

const input = {
  provider: "x",
  promptTexts: ["abcde"],
  lastUserText: "hi",
  toolNames: [],
  chunks: 9,
  maxTokens: undefined,
  thinking: false,
};

describe("fake replies", () => {
  it("words: greeting then cycling filler, a leading space after the first", () => {
    expect(fakeReplyPieces("x", 9)).toEqual([
      "Hello",
      " from",
      " fake-x",
      " lorem",
      " ipsum",
      " dolor",
      " sit",
      " amet",
      " lorem",
    ]);
    expect(fakeReplyText("openai", 3)).toBe("Hello from fake-openai");
  });

  it("prompt tokens: ceil(chars / 4), at least 1", () => {
    expect(estimatePromptTokens([])).toBe(1);
    expect(estimatePromptTokens(["abcd"])).toBe(1);
    expect(estimatePromptTokens(["abcd", "e"])).toBe(2);
  });

  it("plans text, a truncated text, a tool call and thinking", () => {
    expect(planFakeReply(input)).toMatchObject({
      promptTokens: 2,
      outputTokens: 9,
      truncated: false,
      tools: [],
    });
    expect(planFakeReply({ ...input, maxTokens: 4 })).toMatchObject({ outputTokens: 4, truncated: true });
    const tool = planFakeReply({ ...input, lastUserText: "Please CALL TOOL", toolNames: ["a", "b"] });
    expect(tool).toMatchObject({
      tools: [{ name: "a", args: { q: "x" }, fragments: ['{"q"', ':"x"}'] }],
      pieces: [],
      outputTokens: 2,
    });
    expect(planFakeReply({ ...input, lastUserText: "call tool" }).tools).toEqual([]);
    expect(planFakeReply({ ...input, thinking: true })).toMatchObject({
      thinkingTokens: 2,
      thinking: ["Let me think", " about this."],
    });
  });

  it('plans two calls for "call tools" with two or more tools, one with a single tool', () => {
    const two = planFakeReply({ ...input, lastUserText: "please call tools", toolNames: ["a", "b", "c"] });
    expect(two).toMatchObject({
      tools: [
        { name: "a", args: { q: "x" }, fragments: ['{"q"', ':"x"}'] },
        { name: "b", args: { q: "y" }, fragments: ['{"q"', ':"y"}'] },
      ],
      pieces: [],
      outputTokens: 4,
    });
    const one = planFakeReply({ ...input, lastUserText: "call tools", toolNames: ["a"] });
    expect(one.tools.map((t) => t.name)).toEqual(["a"]);
    expect(fakeToolCallId("call_1", 0)).toBe("call_1");
    expect(fakeToolCallId("call_1", 1)).toBe("call_1_2");
  });
});

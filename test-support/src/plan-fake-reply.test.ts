import { describe, expect, it } from "vitest";
import { estimatePromptTokens, fakeReplyPieces, fakeReplyText } from "./fake-reply.js";
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
      tool: undefined,
    });
    expect(planFakeReply({ ...input, maxTokens: 4 })).toMatchObject({ outputTokens: 4, truncated: true });
    const tool = planFakeReply({ ...input, lastUserText: "Please CALL TOOL", toolNames: ["a", "b"] });
    expect(tool).toMatchObject({
      tool: { name: "a", fragments: ['{"q"', ':"x"}'] },
      pieces: [],
      outputTokens: 2,
    });
    expect(planFakeReply({ ...input, lastUserText: "call tool" }).tool).toBeUndefined();
    expect(planFakeReply({ ...input, thinking: true })).toMatchObject({
      thinkingTokens: 2,
      thinking: ["Let me think", " about this."],
    });
  });
});

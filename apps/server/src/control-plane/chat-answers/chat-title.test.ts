import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { chatTitle, cleanModelTitle, DEFAULT_CHAT_TITLE, titleFromQuestion } from "./chat-title.js";

describe("cleanModelTitle", () => {
  it("keeps the title of what models write around it", () => {
    expect(cleanModelTitle('"Lisbon Weekend Trip."')).toBe("Lisbon Weekend Trip");
    expect(cleanModelTitle("Title: **Planning a Trip to Porto**\n\nHere is why…")).toBe(
      "Planning a Trip to Porto",
    );
    expect(cleanModelTitle("## “Capital of Portugal”!")).toBe("Capital of Portugal");
    expect(cleanModelTitle("  \n  'Rust   lifetimes   explained'  ")).toBe("Rust lifetimes explained");
    expect(cleanModelTitle('"..."')).toBeUndefined();
    expect(cleanModelTitle("")).toBeUndefined();
  });

  it("cuts a long title at a word within 80 characters", () => {
    const long = "word ".repeat(30);
    const t = cleanModelTitle(long)!;
    expect(t.length).toBeLessThanOrEqual(80);
    expect(t.endsWith("word")).toBe(true);
  });

  it("never gives more than 80 characters, an empty title, or a title ending in punctuation", () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 400 }), (raw) => {
        const t = cleanModelTitle(raw);
        if (t === undefined) return;
        expect(Array.from(t).length).toBeLessThanOrEqual(80);
        expect(t.trim()).toBe(t);
        expect(t).not.toBe("");
        expect(t).not.toMatch(/\n/);
      }),
    );
  });
});

describe("titleFromQuestion", () => {
  it("keeps a short question and collapses whitespace", () => {
    expect(titleFromQuestion("  What is\n\nRust?  ")).toBe("What is Rust?");
    expect(titleFromQuestion("Explain:\n```python\nprint('hi')\n```")).toBe("Explain: print('hi')");
    expect(titleFromQuestion("```\n```")).toBe(DEFAULT_CHAT_TITLE);
  });

  it("cuts a long question at a word with an ellipsis", () => {
    const t = titleFromQuestion("Please explain in detail how the borrow checker of Rust decides lifetimes");
    expect(t).toBe("Please explain in detail how the borrow checker of Rust…");
  });

  it("never exceeds the bound nor answers an empty title", () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 300 }), fc.integer({ min: 8, max: 120 }), (text, max) => {
        const t = titleFromQuestion(text, max);
        expect(Array.from(t).length).toBeLessThanOrEqual(Math.max(max, DEFAULT_CHAT_TITLE.length));
        expect(t.trim()).not.toBe("");
      }),
    );
  });

  it("shortens the question at a word, without code fences", () => {
    expect(titleFromQuestion("```python\nprint(1)\n```")).toBe("print(1)");
    expect(titleFromQuestion("   ")).toBe(DEFAULT_CHAT_TITLE);
    const t = titleFromQuestion("a ".repeat(100));
    expect(Array.from(t).length).toBeLessThanOrEqual(60);
    expect(t.endsWith("…")).toBe(true);
  });

  it("stays within 60 characters for any text", () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 500 }), (q) => {
        expect(Array.from(titleFromQuestion(q)).length).toBeLessThanOrEqual(60);
      }),
    );
  });
});

describe("chatTitle", () => {
  it("uses the question, asking nothing, when no title model is set", async () => {
    const gateway = {
      url: () => {
        throw new Error("must not be called");
      },
      dispatcher: undefined as never,
    };
    expect(await chatTitle(gateway, undefined, "key", "Where to in May?")).toEqual({
      title: "Where to in May?",
      byModel: false,
    });
  });

  it("falls back to the question when the gateway cannot be reached", async () => {
    const gateway = { url: () => "http://127.0.0.1:9", dispatcher: undefined as never };
    expect(await chatTitle(gateway, "some-model", "key", "Where to in May?")).toEqual({
      title: "Where to in May?",
      byModel: false,
    });
  });
});

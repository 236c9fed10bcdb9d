import { afterAll, describe, expect, it } from "vitest";
import { TokenCounter, usesO200k } from "./token-counter.js";

const tokens = new TokenCounter();
afterAll(() => tokens.close());

describe("TokenCounter", () => {
  it("counts with o200k for OpenAI's current models and cl100k for the rest", async () => {
    expect(usesO200k("gpt-4o-mini")).toBe(true);
    expect(usesO200k("azure/gpt-4.1")).toBe(true);
    expect(usesO200k("o3")).toBe(true);
    expect(usesO200k("claude-sonnet-4-20250514")).toBe(false);
    expect(usesO200k("gemini-2.5-pro")).toBe(false);
    expect(await tokens.count("Hello there", "gpt-4o")).toBe(2);
    expect(await tokens.count("Hello there", "claude-x")).toBe(2);
    expect(await tokens.count("", "gpt-4o")).toBe(0);
    // o200k and cl100k differ on this one: proof the model picks the encoding.
    const text = "ВЕЛИКОЛЕПНЫЙ пример текста на русском языке";
    expect(await tokens.count(text, "gpt-4o")).not.toBe(await tokens.count(text, "claude-x"));
  });

  it("counts special-token text as plain text instead of failing", async () => {
    expect(await tokens.count("a <|endoftext|> b", "gpt-4o")).toBeGreaterThan(3);
  });

  it("counts a pathological 200k-character word in slices, quickly, without blocking the event loop", async () => {
    let ticks = 0;
    const timer = setInterval(() => ticks++, 1);
    const n = await tokens.count("x".repeat(200_000), "gpt-4o");
    clearInterval(timer);
    expect(n).toBeGreaterThan(200_000 / 16);
    expect(n).toBeLessThan(200_000 / 4);
    expect(ticks).toBeGreaterThan(0);
  });

  it("rejects counts still waiting when closed, and starts again afterwards", async () => {
    const counter = new TokenCounter();
    const refused = expect(counter.count("y".repeat(100_000), "gpt-4o")).rejects.toThrow(/closed|stopped/);
    await counter.close();
    await refused;
    expect(await counter.count("Hello there", "gpt-4o")).toBe(2);
    await counter.close();
  });
});

import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { normalizeMath } from "./normalize-math";

describe("normalizeMath", () => {
  it("turns \\[ \\] and \\( \\) into remark-math's $$ and $", () => {
    expect(normalizeMath("Euler: \\(e^{i\\pi} + 1 = 0\\).")).toBe("Euler: $e^{i\\pi} + 1 = 0$.");
    expect(normalizeMath("\\[\n\\int_0^1 x\\,dx = \\tfrac12\n\\]")).toBe(
      "$$\n\\int_0^1 x\\,dx = \\tfrac12\n$$",
    );
    expect(normalizeMath("keep $$a^2$$ and $b$")).toBe("keep $$a^2$$ and $b$");
  });

  it("escapes a dollar before a digit (a price) and leaves escapes alone", () => {
    expect(normalizeMath("It costs $5 and $10.")).toBe("It costs \\$5 and \\$10.");
    expect(normalizeMath("already \\$5")).toBe("already \\$5");
    expect(normalizeMath("an open \\( with no end")).toBe("an open \\( with no end");
  });

  it("never touches code: fenced blocks and inline spans stay byte for byte", () => {
    const code = "```latex\n\\(x\\) costs $5\n```\n";
    expect(normalizeMath(`${code}after \\(y\\)`)).toBe(`${code}after $y$`);
    expect(normalizeMath("use `\\(x\\)` or ``$5 `x` ``")).toBe("use `\\(x\\)` or ``$5 `x` ``");
    expect(normalizeMath("~~~\nunclosed \\(x\\) $5")).toBe("~~~\nunclosed \\(x\\) $5");
    // An opener in prose does not take a closer inside the next code block.
    expect(normalizeMath("a \\(\n```\nb \\) c\n```\n")).toBe("a \\(\n```\nb \\) c\n```\n");
  });

  it("keeps any text without dollars, backslashes or backticks as it is", () => {
    fc.assert(
      fc.property(
        fc.string({ unit: fc.constantFrom(..."ab \n*_#-~()[]{}1") }),
        (s) => normalizeMath(s) === s,
      ),
    );
  });

  it("keeps every fenced block's content exactly, whatever surrounds it", () => {
    const prose = fc.string({ unit: fc.constantFrom("a", "$", "\\(", "\\[", "(", "`", "1", " ") });
    const body = fc.string({ unit: fc.constantFrom(..."a$\\()[]`1 \n") }).filter((b) => !b.includes("```"));
    fc.assert(
      fc.property(prose, body, prose, (before, inner, after) => {
        const block = `\`\`\`\n${inner}\n\`\`\`\n`;
        const text = `${before}\n${block}${after}`;
        return normalizeMath(text).includes(block);
      }),
      { numRuns: 500 },
    );
  });

  it("stays linear on hostile input (no quadratic search for missing closers)", () => {
    const hostile = "\\(".repeat(100_000) + "`".repeat(3) + "$1".repeat(50_000);
    const out = normalizeMath(hostile);
    expect(out.startsWith("\\(\\(")).toBe(true);
    expect(out.length).toBeGreaterThan(hostile.length - 1);
  });
});

import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  allowListMayAdmit,
  matchesModelPattern,
  modelPatternMatcher,
  wildcardModelRoutes,
} from "./model-pattern-match.js";

/** Short strings over a tiny alphabet, so that random patterns and names often relate. */
const tiny = (unit: string[], maxLength: number) => fc.string({ unit: fc.constantFrom(...unit), maxLength });

describe("wildcardModelRoutes", () => {
  it("routes names longer than the part before the star that start with it, as the catalog resolves", () => {
    expect(wildcardModelRoutes("openai/*", "openai/gpt-4o-mini")).toBe(true);
    expect(wildcardModelRoutes("openai/*", "openai/")).toBe(false);
    expect(wildcardModelRoutes("openai/*", "anthropic/claude")).toBe(false);
    expect(wildcardModelRoutes("openai/*", "OpenAI/gpt-4o")).toBe(false);
    expect(wildcardModelRoutes("gpt-4o", "gpt-4o")).toBe(true);
    expect(wildcardModelRoutes("gpt-4o", "gpt-4o-mini")).toBe(false);
  });

  it("agrees with the allow-list glob on a trailing star, except for the empty run", () => {
    fc.assert(
      fc.property(tiny(["a", "/", "b"], 5), tiny(["a", "/", "b"], 8), (prefix, name) => {
        const wildcard = `${prefix}*`;
        expect(wildcardModelRoutes(wildcard, name)).toBe(
          matchesModelPattern(wildcard, name) && name !== prefix,
        );
      }),
    );
  });
});

describe("allowListMayAdmit", () => {
  it("admits every wildcard without an allow-list and none with an empty one", () => {
    expect(allowListMayAdmit(null, "openai/*")).toBe(true);
    expect(allowListMayAdmit(undefined, "openai/*")).toBe(true);
    expect(allowListMayAdmit([], "openai/*")).toBe(false);
  });

  it("rules a wildcard out only when no entry could match a name it routes", () => {
    expect(allowListMayAdmit(["openai/gpt-4o"], "openai/*")).toBe(true);
    expect(allowListMayAdmit(["openai/gpt-*"], "openai/*")).toBe(true);
    expect(allowListMayAdmit(["open*"], "openai/*")).toBe(true);
    expect(allowListMayAdmit(["*-mini"], "openai/*")).toBe(true);
    expect(allowListMayAdmit(["anthropic/*", "gpt-4o"], "openai/*")).toBe(false);
    expect(allowListMayAdmit(["openai/"], "openai/*")).toBe(false);
  });

  it("never rules out a wildcard through which the allow-list admits some name", () => {
    const alphabet = ["a", "b", "/", "*"];
    fc.assert(
      fc.property(
        tiny(["a", "b", "/"], 4),
        fc.array(
          tiny(alphabet, 5).filter((p) => p !== ""),
          { maxLength: 3 },
        ),
        tiny(["a", "b", "/"], 7),
        (prefix, allowed, name) => {
          const wildcard = `${prefix}*`;
          if (wildcardModelRoutes(wildcard, name) && modelPatternMatcher(allowed)(name))
            expect(allowListMayAdmit(allowed, wildcard)).toBe(true);
        },
      ),
    );
  });
});

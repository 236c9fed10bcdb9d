import { GatewayError } from "@gatehouse/protocol";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { compileModelPatterns, matchesModelPattern, validateModelPattern } from "./model-pattern.js";

/** Printable ASCII without spaces or stars: a literal pattern. */
const literal = fc.string({
  unit: fc.integer({ min: 0x21, max: 0x7e }).map((c) => String.fromCharCode(c)),
  minLength: 1,
  maxLength: 40,
});
const literalWithoutStar = literal.filter((s) => !s.includes("*"));
/** Short strings over a tiny alphabet, so that random patterns and models often relate. */
const tiny = (unit: string[], maxLength: number) => fc.string({ unit: fc.constantFrom(...unit), maxLength });

/** The obvious reference: the pattern as an anchored, escaped RegExp with `.*` for stars. */
function viaRegExp(pattern: string, model: string): boolean {
  const body = pattern
    .split("*")
    .map((part) => part.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&"))
    .join(".*");
  return new RegExp(`^${body}$`, "s").test(model);
}

describe("compileModelPatterns", () => {
  it("allows everything for null or undefined and nothing for an empty list", () => {
    fc.assert(
      fc.property(fc.string(), (model) => {
        expect(compileModelPatterns(null)(model)).toBe(true);
        expect(compileModelPatterns(undefined)(model)).toBe(true);
        expect(compileModelPatterns([])(model)).toBe(false);
      }),
    );
  });

  it("matches a pattern without a star exactly, and only, itself", () => {
    fc.assert(
      fc.property(literalWithoutStar, fc.string(), (pattern, model) => {
        const allowed = compileModelPatterns([pattern]);
        expect(allowed(pattern)).toBe(true);
        expect(allowed(model)).toBe(model === pattern);
        expect(allowed(`${pattern}x`)).toBe(false);
        expect(allowed(pattern.slice(1))).toBe(false);
      }),
    );
  });

  it("matches everything with a lone star (or several)", () => {
    fc.assert(
      fc.property(fc.string({ unit: "grapheme" }), fc.integer({ min: 1, max: 5 }), (model, stars) => {
        expect(compileModelPatterns(["*".repeat(stars)])(model)).toBe(true);
        expect(compileModelPatterns(["gpt-4o", "*"])(model)).toBe(true);
      }),
    );
  });

  it("matches p* against exactly the names that start with p", () => {
    fc.assert(
      fc.property(literalWithoutStar, fc.string(), fc.string(), (prefix, rest, model) => {
        const allowed = compileModelPatterns([`${prefix}*`]);
        expect(allowed(prefix + rest)).toBe(true);
        expect(allowed(model)).toBe(model.startsWith(prefix));
      }),
    );
  });

  it("agrees with an escaped, anchored RegExp on random patterns and names", () => {
    fc.assert(
      fc.property(
        tiny(["a", "b", "*", "/", "."], 8),
        tiny(["a", "b", "/", ".", "\n"], 12),
        (pattern, model) => {
          fc.pre(pattern.length > 0);
          expect(compileModelPatterns([pattern])(model)).toBe(viaRegExp(pattern, model));
          expect(matchesModelPattern(pattern, model)).toBe(viaRegExp(pattern, model));
        },
      ),
      { numRuns: 1000 },
    );
    // A two-letter alphabet makes overlapping segments (`a*b*b` against `ab`) common.
    fc.assert(
      fc.property(tiny(["a", "b", "*"], 7), tiny(["a", "b"], 7), (pattern, model) => {
        fc.pre(pattern.length > 0);
        expect(compileModelPatterns([pattern])(model)).toBe(viaRegExp(pattern, model));
      }),
      { numRuns: 1000 },
    );
    expect(matchesModelPattern("a*b*b", "ab")).toBe(false);
    expect(matchesModelPattern("a*b*b", "abb")).toBe(true);
  });

  it("lets a star span slashes and treats regex metacharacters literally", () => {
    const allowed = compileModelPatterns(["openai/*", "gpt-4.1", "(a+)+$", "[abc]"]);
    expect(allowed("openai/gpt-4o/2024-08-06")).toBe(true);
    expect(allowed("gpt-4.1")).toBe(true);
    expect(allowed("gpt-4x1")).toBe(false);
    expect(allowed("(a+)+$")).toBe(true);
    expect(allowed("aaa")).toBe(false);
    expect(allowed("[abc]")).toBe(true);
    expect(allowed("a")).toBe(false);
  });

  it("is case-sensitive", () => {
    const allowed = compileModelPatterns(["gpt-4*", "Claude-*"]);
    expect(allowed("gpt-4o")).toBe(true);
    expect(allowed("GPT-4o")).toBe(false);
    expect(allowed("claude-3")).toBe(false);
  });

  it("handles stars at both ends, in the middle, and overlapping segments", () => {
    const allowed = compileModelPatterns(["*-mini", "a*b*c", "*llama*70b*"]);
    expect(allowed("gpt-4o-mini")).toBe(true);
    expect(allowed("gpt-4o-mini-2024")).toBe(false);
    expect(allowed("abc")).toBe(true);
    expect(allowed("ac")).toBe(false);
    expect(allowed("axxbyybzzc")).toBe(true);
    expect(allowed("meta-llama/Llama-3-70b-instruct")).toBe(true);
    // head and tail must not overlap: "aa*aa" needs at least four characters.
    expect(compileModelPatterns(["aa*aa"])("aaa")).toBe(false);
    expect(compileModelPatterns(["aa*aa"])("aaaa")).toBe(true);
  });

  it("finishes on adversarial inputs that make backtracking matchers explode", () => {
    const stars = `${"a*".repeat(99)}b`; // 199 characters
    const many = "a".repeat(10_000);
    expect(compileModelPatterns([stars])(many)).toBe(false);
    expect(compileModelPatterns([stars])(`${many}b`)).toBe(true);
    const longSegment = `*${"a".repeat(197)}b*`;
    expect(compileModelPatterns([longSegment])(many)).toBe(false);
    expect(compileModelPatterns([`*${"a*".repeat(98)}c`])(`${"a".repeat(100_000)}b`)).toBe(false);
    expect(compileModelPatterns([`*${"ab*".repeat(66)}`])("ab".repeat(50_000))).toBe(true);
  });

  it("refuses an invalid pattern in the list", () => {
    expect(() => compileModelPatterns(["gpt-4o", ""])).toThrow(GatewayError);
  });
});

describe("validateModelPattern", () => {
  it("accepts printable ASCII names and patterns up to 200 characters", () => {
    for (const p of ["gpt-4o", "*", "openai/*", "claude-3-5-sonnet@20240620", "a".repeat(200)]) {
      expect(() => validateModelPattern(p)).not.toThrow();
    }
    fc.assert(
      fc.property(literal, (p) => {
        validateModelPattern(p);
      }),
    );
  });

  it.each([
    ["empty", ""],
    ["too long", "a".repeat(201)],
    ["a space", "gpt 4"],
    ["a tab", "gpt\t4"],
    ["a newline", "gpt-4\n"],
    ["a NUL", "gpt\u00004"],
    ["non-ASCII", "gpt-4ö"],
    ["a zero-width space", "gpt\u200b-4"],
    ["a bidi override", "\u202egpt-4"],
  ])("refuses %s with invalid_request naming the pattern", (_case, pattern) => {
    let error: unknown;
    try {
      validateModelPattern(pattern);
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(GatewayError);
    expect((error as GatewayError).code).toBe("invalid_request");
    expect((error as GatewayError).message).toContain(
      `Invalid model pattern ${JSON.stringify(pattern.slice(0, 60)).slice(0, -1)}`,
    );
  });

  it("refuses any string with a character outside printable ASCII", () => {
    fc.assert(
      fc.property(fc.string({ unit: "binary", minLength: 1, maxLength: 30 }), (p) => {
        fc.pre(/[^\x21-\x7e]/.test(p));
        expect(() => validateModelPattern(p)).toThrow(GatewayError);
      }),
    );
  });
});

import { GatewayError } from "@gatehouse/protocol";

/** The longest pattern accepted; also what keeps matching at O(model length × 200). */
export const MODEL_PATTERN_MAX_LENGTH = 200;

/** Printable ASCII without spaces, the same rule as the `ModelPattern` contract. */
const PRINTABLE = /^[\x21-\x7e]+$/;

/** A pattern split at its stars: the model starts with `head`, ends with `tail`, holds `middle` in order. */
interface Glob {
  head: string;
  middle: string[];
  tail: string;
}

/**
 * Checks one allow-list entry: 1 to 200 printable ASCII characters without spaces (the `ModelPattern`
 * contract's rule, repeated here because the server must not trust that every caller went through it).
 * Throws `invalid_request` naming the pattern.
 *
 * @example
 * validateModelPattern("openai/gpt-4o*"); // ok
 * validateModelPattern("gpt 4"); // throws invalid_request
 */
export function validateModelPattern(pattern: string): void {
  if (typeof pattern !== "string" || pattern.length === 0)
    throw invalidPattern(pattern, "it must not be empty");
  if (pattern.length > MODEL_PATTERN_MAX_LENGTH)
    throw invalidPattern(pattern, `it must be at most ${MODEL_PATTERN_MAX_LENGTH} characters`);
  if (!PRINTABLE.test(pattern))
    throw invalidPattern(pattern, "it must use printable ASCII characters without spaces");
}

/**
 * Builds the model check of an allow-list once, for the hot path. `*` matches any run of characters,
 * `/` included; every other character, regex metacharacters too, matches only itself, and case counts
 * (catalog names are case-sensitive). `null` or `undefined` means no restriction; `[]` allows nothing.
 * Exact names go into a Set; patterns are matched without RegExp, in time linear in the model name's
 * length for a given pattern (see `matchesModelPattern`). Throws `invalid_request` for an invalid pattern.
 *
 * @example
 * const allowed = compileModelPatterns(["gpt-4o", "anthropic/*", "*-mini"]);
 * allowed("anthropic/claude-sonnet-4"); // true
 * allowed("GPT-4o"); // false
 */
export function compileModelPatterns(
  patterns: readonly string[] | null | undefined,
): (model: string) => boolean {
  if (patterns === null || patterns === undefined) return () => true;
  for (const pattern of patterns) validateModelPattern(pattern);
  const exact = new Set(patterns.filter((p) => !p.includes("*")));
  const globs = [...new Set(patterns.filter((p) => p.includes("*")))].map(compileGlob);
  if (globs.some((g) => g.head === "" && g.tail === "" && g.middle.length === 0)) return () => true;
  if (globs.length === 0) return (model) => exact.has(model);
  return (model) => exact.has(model) || globs.some((glob) => matchGlob(glob, model));
}

/**
 * Whether one pattern matches a model name (an uncompiled convenience; the hot path uses
 * `compileModelPatterns`). The pattern is not validated here.
 *
 * @example
 * matchesModelPattern("gpt-4*", "gpt-4o-mini"); // true
 */
export function matchesModelPattern(pattern: string, model: string): boolean {
  return pattern.includes("*") ? matchGlob(compileGlob(pattern), model) : pattern === model;
}

function compileGlob(pattern: string): Glob {
  const parts = pattern.split("*");
  return {
    head: parts[0]!,
    // Empty parts come from consecutive stars (`a**b` is `a*b`).
    middle: parts.slice(1, -1).filter((part) => part !== ""),
    tail: parts.at(-1)!,
  };
}

/**
 * The two-pointer glob match in its segment form: with `*` as the only wildcard, placing each literal
 * segment at its leftmost occurrence after the previous one is always a valid choice (a later placement
 * leaves less room, never more), so the scan never goes back and there is nothing to backtrack over.
 * Each `indexOf` costs at most O(model length × segment length), so the whole match is
 * O(model length × pattern length) — linear in the model for a pattern of at most 200 characters,
 * including adversarial cases like `a*a*a*…b` against `aaaa…`.
 */
function matchGlob(glob: Glob, model: string): boolean {
  const { head, middle, tail } = glob;
  if (model.length < head.length + tail.length) return false;
  if (!model.startsWith(head) || !model.endsWith(tail)) return false;
  let from = head.length;
  const end = model.length - tail.length;
  for (const segment of middle) {
    const at = model.indexOf(segment, from);
    if (at === -1 || at + segment.length > end) return false;
    from = at + segment.length;
  }
  return true;
}

function invalidPattern(pattern: unknown, reason: string): GatewayError {
  const text = typeof pattern === "string" ? pattern : String(pattern);
  const shown = text.length > 60 ? `${text.slice(0, 60)}…` : text;
  return new GatewayError("invalid_request", `Invalid model pattern ${JSON.stringify(shown)}: ${reason}.`);
}

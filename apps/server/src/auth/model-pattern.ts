import { matchesModelPattern, modelPatternMatcher } from "@gatehouse/contracts";
import { GatewayError } from "@gatehouse/protocol";

/** The longest pattern accepted; also what keeps matching at O(model length × 200). */
export const MODEL_PATTERN_MAX_LENGTH = 200;

/** Printable ASCII without spaces, the same rule as the `ModelPattern` contract. */
const PRINTABLE = /^[\x21-\x7e]+$/;

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
 * length for a given pattern (`modelPatternMatcher` of `@gatehouse/contracts`, which the console shares).
 * Throws `invalid_request` for an invalid pattern.
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
  return modelPatternMatcher(patterns);
}

/** Whether one pattern matches a model name (`@gatehouse/contracts`' matcher, shared with the console). */
export { matchesModelPattern };

function invalidPattern(pattern: unknown, reason: string): GatewayError {
  const text = typeof pattern === "string" ? pattern : String(pattern);
  const shown = text.length > 60 ? `${text.slice(0, 60)}…` : text;
  return new GatewayError("invalid_request", `Invalid model pattern ${JSON.stringify(shown)}: ${reason}.`);
}

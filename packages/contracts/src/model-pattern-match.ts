/**
 * How model names are matched, shared by the gateway (allow-lists, wildcard models) and the console (the
 * chat's model picker offers a name only when the gateway would take it). Pure string work: no RegExp,
 * no validation (the server validates patterns before compiling them).
 */

/** A pattern split at its stars: the model starts with `head`, ends with `tail`, holds `middle` in order. */
interface Glob {
  head: string;
  middle: string[];
  tail: string;
}

/**
 * The model check of an allow-list: `*` matches any run of characters, `/` included; every other
 * character matches only itself, and case counts. `null` or `undefined` means no restriction; `[]`
 * allows nothing. Exact names go into a Set; patterns are matched in time linear in the model name's
 * length for a given pattern.
 *
 * @example
 * const allowed = modelPatternMatcher(["gpt-4o", "anthropic/*", "*-mini"]);
 * allowed("anthropic/claude-sonnet-4"); // true
 * allowed("GPT-4o"); // false
 */
export function modelPatternMatcher(
  patterns: readonly string[] | null | undefined,
): (model: string) => boolean {
  if (patterns === null || patterns === undefined) return () => true;
  const exact = new Set(patterns.filter((p) => !p.includes("*")));
  const globs = [...new Set(patterns.filter((p) => p.includes("*")))].map(compileGlob);
  if (globs.some((g) => g.head === "" && g.tail === "" && g.middle.length === 0)) return () => true;
  if (globs.length === 0) return (model) => exact.has(model);
  return (model) => exact.has(model) || globs.some((glob) => matchGlob(glob, model));
}

/**
 * Whether one allow-list pattern matches a model name (uncompiled; lists use `modelPatternMatcher`).
 *
 * @example
 * matchesModelPattern("gpt-4*", "gpt-4o-mini"); // true
 */
export function matchesModelPattern(pattern: string, model: string): boolean {
  return pattern.includes("*") ? matchGlob(compileGlob(pattern), model) : pattern === model;
}

/**
 * Whether a wildcard model of the catalog (`openai/*`: a name ending in `*`) routes a requested name, as
 * the gateway resolves it: the name starts with the part before the star and is longer than it (the star
 * stands for at least one character). A name that is not a wildcard routes only itself.
 *
 * @example
 * wildcardModelRoutes("openai/*", "openai/gpt-4o-mini"); // true
 * wildcardModelRoutes("openai/*", "openai/"); // false
 */
export function wildcardModelRoutes(wildcard: string, name: string): boolean {
  if (!wildcard.endsWith("*")) return wildcard === name;
  const prefix = wildcard.slice(0, -1);
  return name.length > prefix.length && name.startsWith(prefix);
}

/**
 * Whether an allow-list may admit some name a wildcard model routes (an over-approximation: a name is
 * still checked with `modelPatternMatcher`). Used to offer only the wildcards a workspace may use: an
 * allow-list of `["anthropic/*"]` rules out `openai/*`, one of `["*-mini"]` does not.
 *
 * @example
 * allowListMayAdmit(["openai/gpt-4o"], "openai/*"); // true
 * allowListMayAdmit(["anthropic/*"], "openai/*"); // false
 */
export function allowListMayAdmit(allowed: readonly string[] | null | undefined, wildcard: string): boolean {
  if (allowed === null || allowed === undefined) return true;
  const prefix = wildcard.endsWith("*") ? wildcard.slice(0, -1) : wildcard;
  return allowed.some((entry) => {
    if (!entry.includes("*")) return wildcardModelRoutes(wildcard, entry);
    // Two prefixes are compatible when one extends the other; the rest of the entry may match anything.
    const head = entry.slice(0, entry.indexOf("*"));
    return head.startsWith(prefix) || prefix.startsWith(head);
  });
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

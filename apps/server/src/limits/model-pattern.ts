/**
 * A rate limit's model pattern as a predicate: `*` matches any run of characters (`gpt-4o*` matches
 * `gpt-4o` and `gpt-4o-mini`), everything else matches itself, case-sensitively; null matches every model
 * (and requests without one, such as model lists).
 *
 * @example
 * modelMatcher("claude-*")("claude-sonnet-4"); // true
 */
export function modelMatcher(pattern: string | null): (model: string | undefined) => boolean {
  if (pattern === null) return () => true;
  if (!pattern.includes("*")) return (model) => model === pattern;
  const escaped = pattern.split("*").map((part) => part.replace(/[.+?^${}()|[\]\\]/g, "\\$&"));
  const re = new RegExp(`^${escaped.join(".*")}$`, "s");
  return (model) => model !== undefined && re.test(model);
}

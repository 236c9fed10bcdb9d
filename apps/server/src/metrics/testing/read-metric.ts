/**
 * The value of one sample in a Prometheus text exposition: the line of `name` whose labels include every
 * pair of `labels` (others may be present); undefined when there is none. Two matching lines fail.
 */
export function readMetric(
  text: string,
  name: string,
  labels: Record<string, string> = {},
): number | undefined {
  const matches: number[] = [];
  for (const line of text.split("\n")) {
    if (line.startsWith("#")) continue;
    const m = /^([a-zA-Z_:][\w:]*)(?:\{(.*)\})? (\S+)$/.exec(line);
    if (!m || m[1] !== name) continue;
    const have = parseLabels(m[2] ?? "");
    if (Object.entries(labels).every(([k, v]) => have.get(k) === v)) matches.push(Number(m[3]));
  }
  if (matches.length > 1)
    throw new Error(`${matches.length} samples of ${name} match ${JSON.stringify(labels)}`);
  return matches[0];
}

function parseLabels(s: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const m of s.matchAll(/(\w+)="((?:[^"\\]|\\.)*)"/g)) out.set(m[1]!, m[2]!.replace(/\\(.)/g, "$1"));
  return out;
}

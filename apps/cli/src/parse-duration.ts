import { UsageError } from "./cli-error.js";

const UNITS: Record<string, number> = { m: 60_000, h: 3_600_000, d: 86_400_000, w: 604_800_000 };

/** Parses "90m", "12h", "30d", "52w" into milliseconds. */
export function parseDuration(text: string): number {
  const m = /^(\d{1,6})([mhdw])$/.exec(text.trim());
  if (!m) throw new UsageError(`invalid duration '${text}': use a number and a unit m, h, d or w (e.g. 30d)`);
  return Number(m[1]) * UNITS[m[2]!]!;
}

/** The Activity page's time ranges: presets relative to now, or a custom from–to kept in the URL. */

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

export const RANGE_PRESETS = [
  { value: "1h", label: "Last hour", ms: HOUR },
  { value: "24h", label: "24 hours", ms: DAY },
  { value: "7d", label: "7 days", ms: 7 * DAY },
  { value: "30d", label: "30 days", ms: 30 * DAY },
] as const;

export type RangeValue = (typeof RANGE_PRESETS)[number]["value"] | "custom";

/** The default range when the URL names none. */
export const DEFAULT_RANGE: RangeValue = "24h";

/** The URL's `range` as a known value (an unknown one falls back to the default). */
export function rangeValue(raw: string | undefined): RangeValue {
  if (raw === "custom") return "custom";
  return RANGE_PRESETS.find((p) => p.value === raw)?.value ?? DEFAULT_RANGE;
}

/**
 * The [from, to) in epoch ms a range covers at `now`. A preset ends now; a custom range is the URL's
 * `from`/`to` (epoch ms), falling back to the last 24 hours when they are missing or reversed. Computed when
 * a query runs (not when the page renders), so a refetch after a live event moves the window forward.
 *
 * @example
 * resolveRange("1h", undefined, undefined, now); // { from: now - 3_600_000, to: now }
 */
export function resolveRange(
  range: RangeValue,
  rawFrom: string | undefined,
  rawTo: string | undefined,
  now: number,
): { from: number; to: number } {
  if (range === "custom") {
    const from = Number(rawFrom);
    const to = rawTo === undefined ? now : Number(rawTo);
    if (Number.isSafeInteger(from) && Number.isSafeInteger(to) && from >= 0 && from < to) return { from, to };
    return { from: now - DAY, to: now };
  }
  const preset = RANGE_PRESETS.find((p) => p.value === range) ?? RANGE_PRESETS[1];
  return { from: now - preset.ms, to: now };
}

/** Epoch ms → the value of an `<input type="datetime-local">` in the browser's time zone. */
export function toLocalInput(ms: number): string {
  const d = new Date(ms);
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

/** The value of an `<input type="datetime-local">` → epoch ms, or undefined when empty or invalid. */
export function fromLocalInput(value: string): number | undefined {
  if (value === "") return undefined;
  const ms = new Date(value).getTime();
  return Number.isNaN(ms) ? undefined : ms;
}

/** A bucket's start as the chart's axis shows it: the time of day for minutes and hours, else the date. */
export function bucketLabel(t: string | number, interval: "minute" | "hour" | "day"): string {
  const d = new Date(t);
  if (interval === "day") return d.toLocaleDateString(undefined, { month: "short", day: "numeric" });
  const time = d.toLocaleTimeString(undefined, { hour: "2-digit", minute: "2-digit" });
  return interval === "hour" && d.getHours() === 0
    ? `${d.toLocaleDateString(undefined, { month: "short", day: "numeric" })} ${time}`
    : time;
}

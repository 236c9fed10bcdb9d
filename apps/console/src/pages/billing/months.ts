/**
 * The last `count` months as `YYYY-MM` (UTC), newest first — what a statement can be asked for.
 *
 * @example
 * recentMonths(Date.parse("2026-12-06T00:00:00Z"), 2); // ["2026-12", "2026-11"]
 */
export function recentMonths(now: number, count: number): string[] {
  const d = new Date(now);
  const months: string[] = [];
  for (let i = 0; i < count; i++) {
    const at = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() - i, 1));
    months.push(`${at.getUTCFullYear()}-${String(at.getUTCMonth() + 1).padStart(2, "0")}`);
  }
  return months;
}

/** `2026-11` → `November 2026`. */
export function monthLabel(month: string): string {
  const [y, m] = month.split("-").map(Number) as [number, number];
  return new Date(Date.UTC(y, m - 1, 1)).toLocaleString("en-US", {
    month: "long",
    year: "numeric",
    timeZone: "UTC",
  });
}

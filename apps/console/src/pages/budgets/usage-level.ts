/** How full a cap is: the fraction used and the colour of its bar (thresholds at 50, 80 and 100 %). */
export interface UsageLevel {
  /** (spent + reserved) / limit; 0 for a zero limit with nothing used, 1 when used up. */
  fraction: number;
  color: "teal" | "yellow" | "orange" | "red";
}

/**
 * The level of a cap from what is used (settled plus held) against its limit: below 50 % teal, from 50 %
 * yellow, from 80 % orange, at 100 % red — the same thresholds the budget webhook announces.
 *
 * @example
 * usageLevel(80, 100); // { fraction: 0.8, color: "orange" }
 */
export function usageLevel(used: number, limit: number): UsageLevel {
  const fraction = limit > 0 ? used / limit : used > 0 ? 1 : 0;
  const color = fraction >= 1 ? "red" : fraction >= 0.8 ? "orange" : fraction >= 0.5 ? "yellow" : "teal";
  return { fraction, color };
}

/** A fraction as a bar's value (0–100). */
export function barValue(fraction: number): number {
  return Math.max(0, Math.min(100, fraction * 100));
}

import type { BudgetPeriod } from "../domain/budget.js";

const DAY_MS = 86_400_000;

/**
 * The first millisecond (UTC) of the period `at` falls in: midnight for `daily`, Monday midnight for
 * `weekly` (ISO weeks), the 1st at midnight for `monthly`, 0 for `total`. A counter is keyed by it, so a
 * new period simply starts a new counter at zero: no reset job.
 *
 * @example
 * periodStart("weekly", Date.UTC(2026, 11, 6, 5, 33)); // Date.UTC(2026, 10, 30): Monday 30 November
 */
export function periodStart(period: BudgetPeriod, at: number): number {
  switch (period) {
    case "daily":
      return Math.floor(at / DAY_MS) * DAY_MS;
    case "weekly": {
      const day = Math.floor(at / DAY_MS);
      // 1970-01-01 was a Thursday: (day + 3) mod 7 is 0 on Mondays.
      return (day - ((((day + 3) % 7) + 7) % 7)) * DAY_MS;
    }
    case "monthly": {
      const d = new Date(at);
      return Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), 1);
    }
    case "total":
      return 0;
  }
}

/**
 * The first millisecond of the next period (when this one's counter stops counting); undefined for `total`.
 *
 * @example
 * periodEnd("daily", Date.UTC(2026, 0, 1, 12)); // Date.UTC(2026, 0, 2)
 */
export function periodEnd(period: BudgetPeriod, at: number): number | undefined {
  const start = periodStart(period, at);
  switch (period) {
    case "daily":
      return start + DAY_MS;
    case "weekly":
      return start + 7 * DAY_MS;
    case "monthly": {
      const d = new Date(start);
      return Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 1);
    }
    case "total":
      return undefined;
  }
}

/**
 * Integer nano-USD as a decimal USD string with at least two decimals and no trailing zeros beyond them:
 * 2_500_000_000 → "2.50", 150_000 → "0.00015". Integer arithmetic, so no float rounding.
 *
 * @example formatUsd(2_500_000_000) // "2.50"
 */
export function formatUsd(nano: number): string {
  const whole = Math.floor(nano / 1e9);
  const fraction = String(nano % 1e9)
    .padStart(9, "0")
    .replace(/0+$/, "");
  return `${whole}.${fraction.padEnd(2, "0")}`;
}

/**
 * An integer nano-USD amount as exact decimal dollars with nine places (no float on the way).
 *
 * @example
 * formatNanoUsd(-1_500_000_001); // "-1.500000001"
 */
export function formatNanoUsd(nano: number | bigint): string {
  const n = BigInt(nano);
  const abs = n < 0n ? -n : n;
  const whole = abs / 1_000_000_000n;
  const frac = (abs % 1_000_000_000n).toString().padStart(9, "0");
  return `${n < 0n ? "-" : ""}${whole}.${frac}`;
}

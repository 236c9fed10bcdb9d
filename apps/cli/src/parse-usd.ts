import { UsageError } from "./cli-error.js";

/**
 * A USD amount ("10", "0.50", "0.000001") as integer nano-USD, without floats: up to 9 decimals, at
 * most 2^53 - 1 nano-USD (about 9 million USD).
 *
 * @example parseUsd("10.50") // 10_500_000_000
 */
export function parseUsd(text: string): number {
  const m = /^(\d{1,7})(?:\.(\d{1,9}))?$/.exec(text.trim());
  if (!m) throw new UsageError(`invalid amount "${text}": expected USD like 10 or 0.50`);
  const nano = BigInt(m[1]!) * 1_000_000_000n + BigInt((m[2] ?? "").padEnd(9, "0"));
  if (nano > BigInt(Number.MAX_SAFE_INTEGER)) throw new UsageError(`amount "${text}" is too large`);
  return Number(nano);
}

/** 1 USD in nano-USD, the API's unit of money. */
export const NANO_PER_USD = 1_000_000_000;

/**
 * A dollar amount typed by a person (`12.50`, `$1,000`, `.5`, `0.000001`) → integer nano-USD, with integer
 * arithmetic only (never a float in a request); undefined when it is not an amount of at most nine
 * decimals.
 *
 * @example
 * parseUsd("12.50"); // 12_500_000_000
 */
export function parseUsd(input: string): number | undefined {
  const match = /^\$?\s*(\d{1,3}(?:,\d{3})+|\d+)?(?:\.(\d{0,9}))?$/.exec(input.trim());
  if (!match || (match[1] === undefined && !match[2])) return undefined;
  const whole = BigInt((match[1] ?? "0").replace(/,/g, ""));
  const fraction = BigInt((match[2] ?? "").padEnd(9, "0"));
  const nano = whole * BigInt(NANO_PER_USD) + fraction;
  return nano > BigInt(Number.MAX_SAFE_INTEGER) ? undefined : Number(nano);
}

/** Integer nano-USD → the plain dollar string a form shows (`12500000000` → `12.5`), exact. */
export function nanoToUsdInput(nano: number): string {
  const sign = nano < 0 ? "-" : "";
  const abs = BigInt(Math.abs(nano));
  const whole = abs / BigInt(NANO_PER_USD);
  const fraction = (abs % BigInt(NANO_PER_USD)).toString().padStart(9, "0").replace(/0+$/, "");
  return `${sign}${whole}${fraction ? `.${fraction}` : ""}`;
}

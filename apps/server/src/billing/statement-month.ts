import { GatewayError } from "@gatehouse/protocol";

const MONTH = /^(\d{4})-(0[1-9]|1[0-2])$/;

/**
 * The UTC range [from, to) of a statement month written `YYYY-MM`; `invalid_request` otherwise.
 *
 * @example
 * parseStatementMonth("2026-11"); // { from: Date.UTC(2026, 10, 1), to: Date.UTC(2026, 11, 1) }
 */
export function parseStatementMonth(month: string): { from: number; to: number } {
  const m = MONTH.exec(month);
  if (!m) throw new GatewayError("invalid_request", "The month must be written YYYY-MM, e.g. 2026-11.");
  const year = Number(m[1]);
  const index = Number(m[2]) - 1;
  return { from: Date.UTC(year, index, 1), to: Date.UTC(year, index + 1, 1) };
}

// Number formatting and markdown tables for the report.

const finite = (n) => typeof n === "number" && Number.isFinite(n);

/** `n` with `digits` decimals and thousands separators, or "–". */
export function num(n, digits = 0) {
  if (!finite(n)) return "–";
  return n.toLocaleString("en-US", { minimumFractionDigits: digits, maximumFractionDigits: digits });
}

/** Milliseconds with a precision that suits their size. */
export function ms(n) {
  if (!finite(n)) return "–";
  return n < 10 ? n.toFixed(2) : n < 100 ? n.toFixed(1) : n.toFixed(0);
}

/** Bytes as MB (10^6). */
export function mb(bytes) {
  return finite(bytes) ? (bytes / 1e6).toFixed(1) : "–";
}

/** `value ÷ base` as "1.23×", or "–" when either is missing. */
export function ratio(value, base) {
  if (!finite(value) || !finite(base) || base === 0) return "–";
  const r = value / base;
  return `${r < 10 ? r.toFixed(2) : r.toFixed(1)}×`;
}

/** "a / b / c": `value` divided by each baseline value in turn. */
export function ratios(value, bases) {
  return bases.map((base) => ratio(value, base)).join(" / ");
}

/**
 * A markdown table.
 *
 * @example
 * table(["a", "b"], [["1", "2"]]) // "| a | b |\n|---|---|\n| 1 | 2 |"
 */
export function table(header, rows) {
  const line = (cells) => `| ${cells.join(" | ")} |`;
  return [line(header), line(header.map(() => "---")), ...rows.map(line)].join("\n");
}

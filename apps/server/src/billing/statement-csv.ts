import { formatNanoUsd } from "./format-nano-usd.js";
import type { Statement } from "./statement.js";

const HEADER = [
  "record",
  "date",
  "workspace_id",
  "workspace",
  "model",
  "kind",
  "description",
  "requests",
  "input_tokens",
  "output_tokens",
  "amount_usd",
];

/**
 * A statement as CSV (RFC 4180, CRLF): one `usage` row per workspace and model, one `ledger` row per
 * credit or debit, then `total_usage`, `total_credits` and `total_debits`. Amounts are exact decimal
 * USD. Text cells starting with = + - @ are prefixed with ' so spreadsheets never run them as formulas.
 *
 * @example
 * reply.type("text/csv").send(statementCsv(statement));
 */
export function statementCsv(s: Statement): string {
  const rows: (string | number)[][] = [HEADER];
  for (const l of s.usage) {
    rows.push([
      "usage",
      s.month,
      l.workspaceId,
      l.workspaceName,
      l.model,
      "",
      "",
      l.requests,
      l.inputTokens,
      l.outputTokens,
      formatNanoUsd(l.costNano),
    ]);
  }
  for (const e of s.entries) {
    rows.push([
      "ledger",
      new Date(e.createdAt).toISOString(),
      "",
      "",
      "",
      e.kind,
      e.description,
      "",
      "",
      "",
      formatNanoUsd(e.amountNano),
    ]);
  }
  const t = s.totals;
  rows.push([
    "total_usage",
    s.month,
    "",
    "",
    "",
    "",
    "",
    t.requests,
    t.inputTokens,
    t.outputTokens,
    formatNanoUsd(t.costNano),
  ]);
  rows.push(["total_credits", s.month, "", "", "", "", "", "", "", "", formatNanoUsd(t.creditsNano)]);
  rows.push(["total_debits", s.month, "", "", "", "", "", "", "", "", formatNanoUsd(-t.debitsNano)]);
  if (s.truncated)
    rows.push([
      "truncated",
      s.month,
      "",
      "",
      "",
      "",
      "Too many lines: the statement was cut.",
      "",
      "",
      "",
      "",
    ]);
  return `${rows.map((r) => r.map(cell).join(",")).join("\r\n")}\r\n`;
}

function cell(value: string | number): string {
  if (typeof value === "number") return String(value);
  const safe = /^[=+\-@]/.test(value) && !/^-?\d/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}

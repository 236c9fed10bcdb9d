import { formatNanoUsd } from "./format-nano-usd.js";
import { LINES_PER_PAGE, type PdfLine, writePdf } from "./pdf-writer.js";
import type { Statement } from "./statement.js";

/**
 * A statement as a PDF: a heading, usage by workspace and model, the month's credits and debits, and the
 * totals, in fixed-width columns, paginated.
 *
 * @example
 * reply.type("application/pdf").send(statementPdf(statement));
 */
export function statementPdf(s: Statement): Buffer {
  const lines: PdfLine[] = [
    { text: `Gatehouse statement - ${s.tenantName}`, size: 16, bold: true },
    { text: `Month ${s.month} (UTC), tenant ${s.tenantId}` },
    { text: "" },
    { text: "Usage by workspace and model", size: 12, bold: true },
    { text: row(["workspace", "model", "requests", "input tok", "output tok", "cost USD"]), bold: true },
  ];
  for (const l of s.usage)
    lines.push({
      text: row([
        l.workspaceName,
        l.model,
        l.requests,
        l.inputTokens,
        l.outputTokens,
        formatNanoUsd(l.costNano),
      ]),
    });
  if (s.usage.length === 0) lines.push({ text: "No usage this month." });
  lines.push({ text: "" }, { text: "Credits and debits", size: 12, bold: true });
  lines.push({ text: row(["date (UTC)", "kind", "description", "", "", "amount USD"]), bold: true });
  for (const e of s.entries)
    lines.push({
      text: row([
        new Date(e.createdAt).toISOString().slice(0, 16),
        e.kind,
        e.description,
        "",
        "",
        formatNanoUsd(e.amountNano),
      ]),
    });
  if (s.entries.length === 0) lines.push({ text: "No credits or debits this month." });
  const t = s.totals;
  lines.push(
    { text: "" },
    { text: "Totals", size: 12, bold: true },
    { text: `Requests: ${t.requests}   Input tokens: ${t.inputTokens}   Output tokens: ${t.outputTokens}` },
    { text: `Usage cost: ${formatNanoUsd(t.costNano)} USD` },
    { text: `Credits: ${formatNanoUsd(t.creditsNano)} USD   Debits: ${formatNanoUsd(t.debitsNano)} USD` },
  );
  if (s.truncated)
    lines.push({ text: "Too many lines: this statement was cut; download the CSV for the rest." });
  const pages: PdfLine[][] = [];
  for (let i = 0; i < lines.length; i += LINES_PER_PAGE - 4)
    pages.push(lines.slice(i, i + LINES_PER_PAGE - 4));
  return writePdf(pages);
}

/** Fixed-width columns (Helvetica is proportional, so this aligns roughly; the CSV is the exact form). */
function row(cells: (string | number)[]): string {
  const widths = [22, 26, 10, 12, 12, 16];
  return cells
    .map((c, i) =>
      String(c)
        .slice(0, widths[i]! - 1)
        .padEnd(widths[i]!),
    )
    .join(" ");
}

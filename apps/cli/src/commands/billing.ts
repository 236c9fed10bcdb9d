import { writeFileSync } from "node:fs";
import { UsageError } from "../cli-error.js";
import { type CommandIo, parseCommandArgs, verbOf } from "../command.js";
import { formatTable, formatTime } from "../format-table.js";
import { formatUsd } from "../format-usd.js";
import {
  firstItems,
  openRemoteSession,
  parseLimit,
  printResult,
  REMOTE_HELP,
  REMOTE_OPTIONS,
} from "../remote/remote-session.js";

export const BILLING_HELP = `Usage: gatehouse billing <balance|ledger|redeem|statement> [options]

Remote (see gatehouse login): the profile's tenant's credits and statements.

  gatehouse billing balance [--json]
      The plan, whether the tenant is prepaid, and the credit balance.
  gatehouse billing ledger [--limit N] [--json]
      Credit ledger entries, newest first (top-ups, usage debits, redemptions, ...).
  gatehouse billing redeem CODE [--json]
      Redeems a code for credit (once per tenant).
  gatehouse billing statement --month 2026-11 [--format csv|pdf] [--out FILE]
      A month's statement; CSV to stdout unless --out is given (a PDF needs --out).

Options:
  --month YYYY-MM    the statement's month (UTC)
  --format csv|pdf   the statement's format (default csv)
  --out FILE         write the statement to FILE
  --limit N          at most N ledger entries (default 50)
${REMOTE_HELP}`;

/** `gatehouse billing balance|ledger|redeem|statement` */
export async function billingCommand(args: string[], io: CommandIo): Promise<number> {
  const { values, positionals } = parseCommandArgs(args, {
    ...REMOTE_OPTIONS,
    month: { type: "string" },
    format: { type: "string" },
    out: { type: "string" },
    limit: { type: "string" },
  });
  const [verbArg, code] = positionals;
  const verbs = ["balance", "ledger", "redeem", "statement"] as const;
  const verb = verbOf(io, { noun: "billing", help: BILLING_HELP, verbs }, verbArg, values.help);
  if (typeof verb === "number") return verb;
  if (verb === "redeem" && !code) throw new UsageError("billing redeem needs the CODE");
  if (verb === "statement") checkStatementArgs(values);
  const session = openRemoteSession(io, values);
  const params = { tenantId: session.tenantId() };
  if (verb === "balance") {
    const b = await session.run("Reading the balance", () => session.client.call("billing.get", { params }));
    printResult(io, values.json, b, () =>
      [
        `Plan:      ${b.plan?.name ?? "(none)"}`,
        `Prepaid:   ${b.prepaid ? "yes" : "no"}`,
        `Available: ${usd(b.balance.availableNano)} USD`,
        `Ledger:    ${usd(b.balance.ledgerNano)} USD (unflushed spend ${usd(b.balance.unflushedNano)}, in flight ${usd(b.balance.reservedNano)})`,
      ].join("\n"),
    );
    return 0;
  }
  if (verb === "ledger") {
    const limit = parseLimit(values.limit);
    const entries = await session.run("Reading the ledger", () =>
      firstItems(
        session.client.paginate("billing.listLedger", { params, query: { limit: Math.min(limit, 200) } }),
        limit,
      ),
    );
    printResult(io, values.json, entries, () =>
      formatTable(
        ["AT", "KIND", "AMOUNT USD", "DESCRIPTION"],
        entries.map((e) => [formatTime(e.createdAt), e.kind, usd(e.amountNano), e.description]),
      ),
    );
    return 0;
  }
  if (verb === "redeem") {
    const entry = await session.run("Redeeming", () =>
      session.client.call("billing.redeem", { params, body: { code: code! } }),
    );
    printResult(io, values.json, entry, () => `Redeemed: ${usd(entry.amountNano)} USD credited.`);
    return 0;
  }
  const month = values.month!;
  const pdf = values.format === "pdf";
  const body: string | Uint8Array = await session.run(
    "Downloading the statement",
    (): Promise<string | Uint8Array> =>
      pdf
        ? session.client.call("billing.statementPdf", { params: { ...params, month } })
        : session.client.call("billing.statementCsv", { params: { ...params, month } }),
  );
  if (values.out) {
    writeFileSync(values.out, body);
    io.out(`Wrote the ${month} statement to ${values.out}.`);
  } else io.out(String(body).trimEnd());
  return 0;
}

function checkStatementArgs(values: {
  month?: string | undefined;
  format?: string | undefined;
  out?: string | undefined;
}) {
  if (!values.month || !/^\d{4}-(0[1-9]|1[0-2])$/.test(values.month)) {
    throw new UsageError("billing statement needs --month YYYY-MM (e.g. --month 2026-11)");
  }
  if (values.format !== undefined && values.format !== "csv" && values.format !== "pdf") {
    throw new UsageError("--format must be csv or pdf");
  }
  if (values.format === "pdf" && !values.out) throw new UsageError("a PDF statement needs --out FILE");
}

/** Signed nano-USD as USD (formatUsd takes non-negative amounts). */
function usd(nano: number): string {
  return nano < 0 ? `-${formatUsd(-nano)}` : formatUsd(nano);
}

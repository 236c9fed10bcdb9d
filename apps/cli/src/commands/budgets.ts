import { UsageError } from "../cli-error.js";
import { type CommandIo, parseCommandArgs, verbOf } from "../command.js";
import { formatTable } from "../format-table.js";
import { formatUsd } from "../format-usd.js";
import { parseUsd } from "../parse-usd.js";
import {
  firstItems,
  openRemoteSession,
  parseLimit,
  printResult,
  REMOTE_HELP,
  REMOTE_OPTIONS,
} from "../remote/remote-session.js";

export const BUDGETS_HELP = `Usage: gatehouse budgets <list|set|delete> [options]

Remote (see gatehouse login): spend budgets and token quotas of the profile's tenant (docs/budgets.md).

  gatehouse budgets list [--scope KIND] [--limit N] [--json]
  gatehouse budgets set --scope SCOPE --period PERIOD (--usd AMOUNT | --tokens N) [--own] [--json]
  gatehouse budgets set --id ID (--usd AMOUNT | --tokens N) [--json]
  gatehouse budgets delete ID

Options:
  --scope SCOPE    tenant, workspace:ID, user:ID or key:ID (list: a kind alone filters)
  --period PERIOD  daily, weekly (ISO, from Monday), monthly or total (UTC)
  --usd AMOUNT     a spend cap in USD, e.g. 25 or 0.50
  --tokens N       a token quota (input + output tokens)
  --own            a lower cap on your own key (needs only keys:create; never above an admin's cap)
  --id ID          change an existing budget's cap
  --limit N        at most N budgets (default 50)
${REMOTE_HELP}`;

const KINDS = ["tenant", "workspace", "user", "key"] as const;
const PERIODS = ["daily", "weekly", "monthly", "total"] as const;
type Kind = (typeof KINDS)[number];
type Period = (typeof PERIODS)[number];

/** `gatehouse budgets list|set|delete` */
export async function budgetsCommand(args: string[], io: CommandIo): Promise<number> {
  const { values, positionals } = parseCommandArgs(args, {
    ...REMOTE_OPTIONS,
    scope: { type: "string" },
    period: { type: "string" },
    usd: { type: "string" },
    tokens: { type: "string" },
    own: { type: "boolean" },
    id: { type: "string" },
    limit: { type: "string" },
  });
  const [verbArg, target] = positionals;
  const verb = verbOf(
    io,
    { noun: "budgets", help: BUDGETS_HELP, verbs: ["list", "set", "delete"] },
    verbArg,
    values.help,
  );
  if (typeof verb === "number") return verb;
  if (verb === "delete" && !target) throw new UsageError("budgets delete needs the budget's ID");
  const cap = verb === "set" ? capOf(values.usd, values.tokens) : undefined;
  const limit = parseLimit(values.limit);
  const session = openRemoteSession(io, values);
  const tenantId = session.tenantId();
  const c = session.client;
  if (verb === "delete") {
    await session.run("Deleting the budget", () =>
      c.budgets.delete({ params: { tenantId, budgetId: target! } }),
    );
    io.out(`Deleted budget ${target}.`);
    return 0;
  }
  if (verb === "set") {
    const { metric, limit: amount } = cap!;
    const budget = await session.run("Saving the budget", () => {
      if (values.id)
        return c.budgets.update({ params: { tenantId, budgetId: values.id }, body: { limit: amount } });
      const scope = scopeOf(values.scope);
      const period = periodOf(values.period);
      if (values.own) {
        if (scope.kind !== "key") throw new UsageError("--own caps a key: --scope key:ID");
        return c.budgets.setKeyCap({
          params: { tenantId, keyId: scope.id! },
          body: { metric, period, limit: amount },
        });
      }
      return c.budgets.create({
        params: { tenantId },
        body: {
          scopeKind: scope.kind,
          ...(scope.id && { scopeId: scope.id }),
          metric,
          period,
          limit: amount,
        },
      });
    });
    printResult(io, values.json, budget, () => `Budget ${budget.id}: ${describe(budget)}.`);
    return 0;
  }
  const kind = values.scope === undefined ? undefined : scopeOf(values.scope).kind;
  const items = await session.run("Listing budgets", () =>
    firstItems(
      c.paginate("budgets.list", {
        params: { tenantId },
        query: { limit: Math.min(limit, 200), ...(kind && { scopeKind: kind }) },
      }),
      limit,
    ),
  );
  printResult(io, values.json, items, () =>
    formatTable(
      ["ID", "SCOPE", "PERIOD", "LIMIT", "USED", "RESERVED", "SET BY"],
      items.map((b) => [
        b.id,
        b.scopeKind === "tenant" ? "tenant" : `${b.scopeKind}:${b.scopeId}`,
        b.period,
        amountOf(b.metric, b.limit),
        amountOf(b.metric, b.current.spent),
        amountOf(b.metric, b.current.reserved),
        b.setBy,
      ]),
    ),
  );
  return 0;
}

function capOf(usd: string | undefined, tokens: string | undefined) {
  if ((usd === undefined) === (tokens === undefined))
    throw new UsageError("budgets set needs --usd or --tokens");
  if (usd !== undefined) return { metric: "cost" as const, limit: parseUsd(usd) };
  if (!/^\d{1,15}$/.test(tokens!)) throw new UsageError(`invalid --tokens "${tokens}": a whole number`);
  return { metric: "tokens" as const, limit: Number(tokens) };
}

function scopeOf(text: string | undefined): { kind: Kind; id?: string } {
  if (text === undefined)
    throw new UsageError("budgets set needs --scope (tenant, workspace:ID, user:ID, key:ID)");
  const [kind, id] = text.split(":", 2) as [string, string | undefined];
  if (!(KINDS as readonly string[]).includes(kind)) throw new UsageError(`invalid --scope "${text}"`);
  if (kind !== "tenant" && !id && text.includes(":")) throw new UsageError(`--scope ${kind}: needs an ID`);
  return id ? { kind: kind as Kind, id } : { kind: kind as Kind };
}

function periodOf(text: string | undefined): Period {
  if (!(PERIODS as readonly (string | undefined)[]).includes(text))
    throw new UsageError("budgets set needs --period daily|weekly|monthly|total");
  return text as Period;
}

function amountOf(metric: "cost" | "tokens", value: number): string {
  return metric === "cost" ? `$${formatUsd(value)}` : `${value} tokens`;
}

function describe(b: {
  scopeKind: string;
  scopeId: string;
  period: string;
  metric: "cost" | "tokens";
  limit: number;
}) {
  const scope = b.scopeKind === "tenant" ? "the tenant" : `${b.scopeKind} ${b.scopeId}`;
  return `${amountOf(b.metric, b.limit)} ${b.period} for ${scope}`;
}

import { UsageError } from "../cli-error.js";
import { type CommandIo, parseCommandArgs, verbOf } from "../command.js";
import { formatTable, formatTime } from "../format-table.js";
import { formatUsd } from "../format-usd.js";
import { parseDuration } from "../parse-duration.js";
import {
  firstItems,
  openRemoteSession,
  parseLimit,
  printResult,
  REMOTE_HELP,
  REMOTE_OPTIONS,
} from "../remote/remote-session.js";

export const USAGE_HELP = `Usage: gatehouse usage summary [--since 24h] [--by model|provider|key|user|workspace] [filters] [--json]
       gatehouse usage logs [--since 24h] [--status STATUS] [filters] [--limit N] [--json]
       gatehouse usage export [--since 24h] [--status STATUS] [filters] > usage.csv

Remote (see gatehouse login): the usage of the profile's tenant (docs/usage-storage.md).
  summary  totals of the range (requests, errors, tokens, cost, latency p50/p95/p99), and with --by
           the top 10 by spend
  logs     the request log, newest first
  export   the request log as CSV on stdout

Options:
  --since DURATION  how far back (30m, 24h, 7d; default 24h)
  --by DIMENSION    summary: also the top 10 models, providers, keys, users or workspaces by spend
  --model NAME, --key ID, --user ID, --workspace ID, --provider ID   only this one
  --status STATUS   logs, export: success, error, interrupted or pending
  --limit N         logs: at most N requests (default 50)
${REMOTE_HELP}`;

const BY = ["model", "provider", "key", "user", "workspace"] as const;

/** `gatehouse usage summary|logs|export` */
export async function usageCommand(args: string[], io: CommandIo): Promise<number> {
  const { values, positionals } = parseCommandArgs(args, {
    ...REMOTE_OPTIONS,
    since: { type: "string" },
    by: { type: "string" },
    model: { type: "string" },
    key: { type: "string" },
    user: { type: "string" },
    workspace: { type: "string" },
    provider: { type: "string" },
    status: { type: "string" },
    limit: { type: "string" },
  });
  const verbs = ["summary", "logs", "export"] as const;
  const verb = verbOf(
    io,
    { noun: "usage", help: USAGE_HELP, verbs: [...verbs] },
    positionals[0],
    values.help,
  );
  if (typeof verb === "number") return verb;
  const by = values.by as (typeof BY)[number] | undefined;
  if (by !== undefined && !BY.includes(by)) throw new UsageError(`--by must be one of ${BY.join(", ")}`);
  const status = values.status as "success" | "error" | "interrupted" | "pending" | undefined;
  const session = openRemoteSession(io, values);
  const params = { tenantId: session.tenantId() };
  const to = Date.now();
  const filters = {
    from: to - parseDuration(values.since ?? "24h"),
    to,
    ...(values.model === undefined ? {} : { model: values.model }),
    ...(values.key === undefined ? {} : { keyId: values.key }),
    ...(values.user === undefined ? {} : { userId: values.user }),
    ...(values.workspace === undefined ? {} : { workspaceId: values.workspace }),
    ...(values.provider === undefined ? {} : { provider: values.provider }),
  };
  const logFilters = { ...filters, ...(status === undefined ? {} : { status }) };

  if (verb === "export") {
    const csv = await session.run("Exporting the request log", () =>
      session.client.call("usageLogs.export", { params, query: logFilters }),
    );
    // The CSV ends with a line break; out() adds one.
    io.out(csv.replace(/\r?\n$/, ""));
    return 0;
  }
  if (verb === "logs") {
    const limit = parseLimit(values.limit);
    const items = await session.run("Reading the request log", () =>
      firstItems(
        session.client.paginate("usageLogs.list", {
          params,
          query: { ...logFilters, limit: Math.min(limit, 200) },
        }),
        limit,
      ),
    );
    printResult(io, values.json, items, () =>
      formatTable(
        ["STARTED", "REQUEST", "STATUS", "MODEL", "KEY", "TOKENS IN/OUT", "COST USD", "MS"],
        items.map((r) => [
          formatTime(r.startedAt),
          r.id,
          r.httpStatus === null ? r.status : `${r.status} ${r.httpStatus}`,
          r.model,
          r.apiKeyId,
          `${r.inputTokens}/${r.outputTokens}`,
          formatUsd(r.costNano),
          r.latencyMs === null ? "-" : String(r.latencyMs),
        ]),
      ),
    );
    return 0;
  }
  const summary = await session.run("Reading usage", () =>
    session.client.call("usage.summary", { params, query: filters }),
  );
  const top =
    by === undefined
      ? undefined
      : await session.run("Reading usage", () =>
          session.client.call("usage.top", { params, query: { ...filters, by, limit: 10 } }),
        );
  printResult(io, values.json, { summary, ...(top ? { top: top.items } : {}) }, () => {
    const ms = (v: number | null) => (v === null ? "-" : `${v}`);
    const lines = [
      `requests ${summary.requests}  errors ${summary.errors}  cost ${formatUsd(summary.costNano)} USD`,
      `tokens in ${summary.inputTokens}  out ${summary.outputTokens}  cache read ${summary.cacheReadTokens}  cache write ${summary.cacheWriteTokens}  reasoning ${summary.reasoningTokens}`,
      `latency ms (≤) p50 ${ms(summary.latencyP50)}  p95 ${ms(summary.latencyP95)}  p99 ${ms(summary.latencyP99)}`,
    ];
    if (top) {
      lines.push(
        "",
        formatTable(
          [by!.toUpperCase(), "REQUESTS", "ERRORS", "COST USD"],
          top.items.map((i) => [i.group ?? "-", String(i.requests), String(i.errors), formatUsd(i.costNano)]),
        ),
      );
    }
    return lines.join("\n");
  });
  return 0;
}

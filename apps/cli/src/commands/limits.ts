import { UsageError } from "../cli-error.js";
import { type CommandIo, parseCommandArgs } from "../command.js";
import { formatTable, formatTime } from "../format-table.js";
import {
  firstItems,
  openRemoteSession,
  parseLimit,
  printResult,
  REMOTE_HELP,
  REMOTE_OPTIONS,
} from "../remote/remote-session.js";

export const LIMITS_HELP = `Usage: gatehouse limits <list|set|delete> [options]

Remote (see gatehouse login): rate limits of the profile's tenant (docs/limits.md).

  gatehouse limits list [--scope KIND] [--id ID] [--limit N] [--json]
      Each value as used/limit: requests and tokens of the last minute, requests in flight.
  gatehouse limits set --scope KIND [--id ID] [--model PATTERN] [--rpm N] [--tpm N] [--concurrency N] [--json]
      Creates the scope's limit for that model pattern, or changes the one it has. "none" clears a value.
  gatehouse limits delete LIMIT_ID

Options:
  --scope KIND      tenant, workspace, user or key
  --id ID           the workspace, user or key id (not needed for tenant)
  --model PATTERN   a model name or pattern, * matching anything (default: every model)
  --rpm N           requests per minute
  --tpm N           tokens (input + output) per minute
  --concurrency N   requests in flight at once
  --limit N         at most N limits (default 50)
${REMOTE_HELP}`;

const SCOPES = ["tenant", "workspace", "user", "key"] as const;
type Scope = (typeof SCOPES)[number];

/** `gatehouse limits list|set|delete` */
export async function limitsCommand(args: string[], io: CommandIo): Promise<number> {
  const { values, positionals } = parseCommandArgs(args, {
    ...REMOTE_OPTIONS,
    scope: { type: "string" },
    id: { type: "string" },
    model: { type: "string" },
    rpm: { type: "string" },
    tpm: { type: "string" },
    concurrency: { type: "string" },
    limit: { type: "string" },
  });
  const [verb, limitId] = positionals;
  if (values.help || verb === undefined) {
    io.out(LIMITS_HELP);
    return values.help ? 0 : 2;
  }
  const scope = parseScope(values.scope);
  if (verb === "delete") {
    if (!limitId) throw new UsageError("limits delete needs the limit id (see gatehouse limits list)");
    const session = openRemoteSession(io, values);
    await session.run("Deleting the limit", () =>
      session.client.rateLimits.delete({ params: { tenantId: session.tenantId(), limitId } }),
    );
    io.out(`Deleted ${limitId}.`);
    return 0;
  }
  if (verb === "set") {
    if (scope === undefined) throw new UsageError("limits set needs --scope tenant|workspace|user|key");
    if (scope !== "tenant" && !values.id) throw new UsageError(`limits set --scope ${scope} needs --id ID`);
    const amounts = {
      ...amount("rpm", values.rpm),
      ...amount("tpm", values.tpm),
      ...amount("concurrency", values.concurrency),
    };
    if (Object.keys(amounts).length === 0)
      throw new UsageError("limits set needs --rpm, --tpm or --concurrency");
    const session = openRemoteSession(io, values);
    const tenantId = session.tenantId();
    const scopeId = scope === "tenant" ? tenantId : values.id!;
    const model = values.model ?? null;
    const rule = await session.run("Setting the limit", async () => {
      const existing = (
        await firstItems(
          session.client.paginate("rateLimits.list", {
            params: { tenantId },
            query: { limit: 200, scopeKind: scope, scopeId },
          }),
          10_000,
        )
      ).find((r) => r.model === model);
      if (existing === undefined)
        return session.client.rateLimits.create({
          params: { tenantId },
          body: { scopeKind: scope, scopeId, model, ...amounts },
        });
      return session.client.rateLimits.update({ params: { tenantId, limitId: existing.id }, body: amounts });
    });
    printResult(io, values.json, rule, () => `Limit ${rule.id}: ${describe(rule)}.`);
    return 0;
  }
  if (verb !== "list") throw new UsageError(`unknown limits command '${verb}'`);
  const limit = parseLimit(values.limit);
  const session = openRemoteSession(io, values);
  const query = {
    limit: Math.min(limit, 200),
    ...(scope === undefined ? {} : { scopeKind: scope }),
    ...(values.id === undefined ? {} : { scopeId: values.id }),
  };
  const rules = await session.run("Listing limits", () =>
    firstItems(
      session.client.paginate("rateLimits.list", { params: { tenantId: session.tenantId() }, query }),
      limit,
    ),
  );
  // "used/limit" in the last minute (in flight for concurrency), "-" when the limit does not set it.
  const n = (v: number | null, used: number | null) => (v === null ? "-" : `${used ?? "?"}/${v}`);
  printResult(io, values.json, rules, () =>
    formatTable(
      ["ID", "SCOPE", "SCOPE ID", "MODEL", "RPM", "TPM", "CONCURRENCY", "UPDATED"],
      rules.map((r) => [
        r.id,
        r.scopeKind,
        r.scopeId,
        r.model ?? "*",
        n(r.rpm, r.use.requests),
        n(r.tpm, r.use.tokens),
        n(r.concurrency, r.use.concurrent),
        formatTime(r.updatedAt),
      ]),
    ),
  );
  return 0;
}

function parseScope(value: string | undefined): Scope | undefined {
  if (value === undefined) return undefined;
  if (!(SCOPES as readonly string[]).includes(value))
    throw new UsageError("--scope must be tenant, workspace, user or key");
  return value as Scope;
}

/** A value option: a positive whole number, or "none" to clear it. */
function amount(name: string, value: string | undefined): Record<string, number | null> {
  if (value === undefined) return {};
  if (value === "none") return { [name]: null };
  const n = Number(value);
  if (!Number.isSafeInteger(n) || n < 1)
    throw new UsageError(`--${name} must be a positive whole number or none`);
  return { [name]: n };
}

function describe(r: {
  scopeKind: string;
  scopeId: string;
  model: string | null;
  rpm: number | null;
  tpm: number | null;
  concurrency: number | null;
}): string {
  const parts = [
    r.rpm === null ? null : `${r.rpm} rpm`,
    r.tpm === null ? null : `${r.tpm} tpm`,
    r.concurrency === null ? null : `${r.concurrency} concurrent`,
  ].filter(Boolean);
  return `${r.scopeKind} ${r.scopeId}, ${r.model ?? "every model"}: ${parts.join(", ")}`;
}

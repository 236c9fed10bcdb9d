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

export const TENANTS_HELP = `Usage: gatehouse tenants list [--limit N] [--json]

Lists the tenants you belong to on the server (remote; see gatehouse login). * marks the profile's tenant.

Options:
  --limit N       at most N tenants (default 50)
${REMOTE_HELP}`;

/** `gatehouse tenants list` */
export async function tenantsCommand(args: string[], io: CommandIo): Promise<number> {
  const { values, positionals } = parseCommandArgs(args, { ...REMOTE_OPTIONS, limit: { type: "string" } });
  const [verb] = positionals;
  if (values.help || verb === undefined) {
    io.out(TENANTS_HELP);
    return values.help ? 0 : 2;
  }
  if (verb !== "list") throw new UsageError(`unknown tenants command '${verb}'`);
  const limit = parseLimit(values.limit);
  const session = openRemoteSession(io, values);
  const tenants = await session.run("Listing tenants", () =>
    firstItems(session.client.paginate("tenants.list", { query: { limit: Math.min(limit, 200) } }), limit),
  );
  const current = values.tenant ?? session.profile.tenantId;
  printResult(io, values.json, tenants, () =>
    formatTable(
      ["ID", "NAME", "ROLE", "CREATED", ""],
      tenants.map((t) => [t.id, t.name, t.role ?? "-", formatTime(t.createdAt), t.id === current ? "*" : ""]),
    ),
  );
  return 0;
}

import { type CommandIo, parseCommandArgs, verbOf } from "../command.js";
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
  const [verbArg] = positionals;
  const verb = verbOf(io, { noun: "tenants", help: TENANTS_HELP, verbs: ["list"] }, verbArg, values.help);
  if (typeof verb === "number") return verb;
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

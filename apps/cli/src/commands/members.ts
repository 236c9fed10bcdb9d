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

export const MEMBERS_HELP = `Usage: gatehouse members list [--role ROLE] [--limit N] [--json]

Remote (see gatehouse login): the members of the profile's tenant. Invite with gatehouse invite.

Options:
  --role ROLE     only members with this tenant role
  --limit N       at most N members (default 50)
${REMOTE_HELP}`;

/** `gatehouse members list` */
export async function membersCommand(args: string[], io: CommandIo): Promise<number> {
  const { values, positionals } = parseCommandArgs(args, {
    ...REMOTE_OPTIONS,
    role: { type: "string" },
    limit: { type: "string" },
  });
  const [verbArg] = positionals;
  const verb = verbOf(io, { noun: "members", help: MEMBERS_HELP, verbs: ["list"] }, verbArg, values.help);
  if (typeof verb === "number") return verb;
  const limit = parseLimit(values.limit);
  const session = openRemoteSession(io, values);
  const tenantId = session.tenantId();
  const query = { limit: Math.min(limit, 200), ...(values.role === undefined ? {} : { role: values.role }) };
  const members = await session.run("Listing members", () =>
    firstItems(session.client.paginate("members.list", { params: { tenantId }, query }), limit),
  );
  printResult(io, values.json, members, () =>
    formatTable(
      ["USER", "EMAIL", "NAME", "ROLE", "SINCE"],
      members.map((m) => [m.userId, m.email, m.name, m.role, formatTime(m.createdAt)]),
    ),
  );
  return 0;
}

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

export const AUDIT_HELP = `Usage: gatehouse audit list [--action ACTION] [--actor ID] [--target ID] [--limit N] [--json]

Remote (see gatehouse login): the audit log of the profile's tenant, newest first.

Options:
  --action ACTION  only this operation (e.g. keys.create, members.update)
  --actor ID       only changes made by this user, key or service account
  --target ID      only changes to this resource
  --limit N        at most N entries (default 50)
${REMOTE_HELP}`;

/** `gatehouse audit list` */
export async function auditCommand(args: string[], io: CommandIo): Promise<number> {
  const { values, positionals } = parseCommandArgs(args, {
    ...REMOTE_OPTIONS,
    action: { type: "string" },
    actor: { type: "string" },
    target: { type: "string" },
    limit: { type: "string" },
  });
  const [verbArg] = positionals;
  const verb = verbOf(io, { noun: "audit", help: AUDIT_HELP, verbs: ["list"] }, verbArg, values.help);
  if (typeof verb === "number") return verb;
  const limit = parseLimit(values.limit);
  const session = openRemoteSession(io, values);
  const query = {
    limit: Math.min(limit, 200),
    ...(values.action === undefined ? {} : { action: values.action }),
    ...(values.actor === undefined ? {} : { actorId: values.actor }),
    ...(values.target === undefined ? {} : { targetId: values.target }),
  };
  const entries = await session.run("Reading the audit log", () =>
    firstItems(
      session.client.paginate("audit.list", { params: { tenantId: session.tenantId() }, query }),
      limit,
    ),
  );
  printResult(io, values.json, entries, () =>
    formatTable(
      ["AT", "ACTOR", "ACTION", "TARGET", "IP"],
      entries.map((e) => [
        formatTime(e.at),
        `${e.actor.kind}:${e.actor.id ?? "-"}`,
        e.action,
        `${e.target.kind}:${e.target.id ?? "-"}`,
        e.ip ?? "-",
      ]),
    ),
  );
  return 0;
}

import { UsageError } from "../cli-error.js";
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

export const WORKSPACES_HELP = `Usage: gatehouse workspaces <list|create> [options]

Remote (see gatehouse login): the workspaces of the profile's tenant.

  gatehouse workspaces list [--limit N] [--json]
  gatehouse workspaces create --name NAME [--allowed-models a,b] [--json]

Options:
  --name NAME            the new workspace's name
  --allowed-models LIST  models its keys may call (comma-separated patterns; default: all)
  --limit N              at most N workspaces (default 50)
${REMOTE_HELP}`;

/** `gatehouse workspaces list|create` */
export async function workspacesCommand(args: string[], io: CommandIo): Promise<number> {
  const { values, positionals } = parseCommandArgs(args, {
    ...REMOTE_OPTIONS,
    name: { type: "string" },
    "allowed-models": { type: "string" },
    limit: { type: "string" },
  });
  const [verbArg] = positionals;
  const verb = verbOf(
    io,
    { noun: "workspaces", help: WORKSPACES_HELP, verbs: ["list", "create"] },
    verbArg,
    values.help,
  );
  if (typeof verb === "number") return verb;
  if (verb === "create" && !values.name) throw new UsageError("workspaces create needs --name NAME");
  const limit = parseLimit(values.limit);
  const session = openRemoteSession(io, values);
  const tenantId = session.tenantId();
  if (verb === "create") {
    const allowed = values["allowed-models"]
      ?.split(",")
      .map((m) => m.trim())
      .filter(Boolean);
    const ws = await session.run("Creating the workspace", () =>
      session.client.workspaces.create({
        params: { tenantId },
        body: { name: values.name!, ...(allowed === undefined ? {} : { allowedModels: allowed }) },
      }),
    );
    printResult(io, values.json, ws, () => `Created workspace ${ws.id} (${ws.name}).`);
    return 0;
  }
  const items = await session.run("Listing workspaces", () =>
    firstItems(
      session.client.paginate("workspaces.list", {
        params: { tenantId },
        query: { limit: Math.min(limit, 200) },
      }),
      limit,
    ),
  );
  printResult(io, values.json, items, () =>
    formatTable(
      ["ID", "NAME", "ALLOWED MODELS", "CREATED"],
      items.map((w) => [w.id, w.name, w.allowedModels?.join(",") ?? "all", formatTime(w.createdAt)]),
    ),
  );
  return 0;
}

import { UsageError } from "../cli-error.js";
import { type CommandIo, parseCommandArgs } from "../command.js";
import { formatTable, formatTime } from "../format-table.js";
import { parseDuration } from "../parse-duration.js";
import {
  firstItems,
  openRemoteSession,
  parseLimit,
  printResult,
  REMOTE_HELP,
  REMOTE_OPTIONS,
} from "../remote/remote-session.js";

export const API_KEYS_HELP = `Usage: gatehouse api-keys <list|create|revoke> [options]

Remote (see gatehouse login): API keys of the profile's tenant, through the server's API. (gatehouse keys
works offline on the data directory instead.)

  gatehouse api-keys list [--workspace ID] [--status active|revoked|expired] [--limit N] [--json]
  gatehouse api-keys create --workspace ID --name NAME [--expires-in 30d] [--models a,b] [--json]
      Prints the key once; only its hash is stored.
  gatehouse api-keys revoke KEY_ID

Options:
  --workspace ID   the workspace (required for create)
  --name NAME      a label for the key
  --expires-in DUR lifetime, e.g. 12h, 30d, 52w (default: never expires)
  --models LIST    models the key may call (comma-separated patterns; default: the workspace's)
  --status S       only keys in this state
  --limit N        at most N keys (default 50)
${REMOTE_HELP}`;

const STATUSES = ["active", "revoked", "expired"] as const;

/** `gatehouse api-keys list|create|revoke` */
export async function apiKeysCommand(args: string[], io: CommandIo): Promise<number> {
  const { values, positionals } = parseCommandArgs(args, {
    ...REMOTE_OPTIONS,
    workspace: { type: "string" },
    name: { type: "string" },
    "expires-in": { type: "string" },
    models: { type: "string" },
    status: { type: "string" },
    limit: { type: "string" },
  });
  const [verb, keyId] = positionals;
  if (values.help || verb === undefined) {
    io.out(API_KEYS_HELP);
    return values.help ? 0 : 2;
  }
  if (verb === "create") {
    if (!values.workspace)
      throw new UsageError("api-keys create needs --workspace ID (see gatehouse workspaces list)");
    if (!values.name) throw new UsageError("api-keys create needs --name NAME");
    const expiresIn = values["expires-in"] === undefined ? undefined : parseDuration(values["expires-in"]);
    const models = values.models
      ?.split(",")
      .map((m) => m.trim())
      .filter(Boolean);
    const session = openRemoteSession(io, values);
    const params = { tenantId: session.tenantId(), workspaceId: values.workspace };
    const issued = await session.run("Creating the key", () =>
      session.client.keys.create({
        params,
        body: {
          name: values.name!,
          ...(expiresIn === undefined ? {} : { expiresAt: Date.now() + expiresIn }),
          ...(models === undefined ? {} : { allowedModels: models }),
        },
      }),
    );
    printResult(
      io,
      values.json,
      issued,
      () =>
        `Created key ${issued.key.id} (${issued.key.name}). Copy it now; it is not shown again:\n${issued.secret}`,
    );
    return 0;
  }
  if (verb === "revoke") {
    if (!keyId) throw new UsageError("api-keys revoke needs the key id (see gatehouse api-keys list)");
    const session = openRemoteSession(io, values);
    const key = await session.run("Revoking the key", () =>
      session.client.keys.revoke({ params: { tenantId: session.tenantId(), keyId } }),
    );
    printResult(io, values.json, key, () => `Revoked ${key.id} (${key.name}).`);
    return 0;
  }
  if (verb !== "list") throw new UsageError(`unknown api-keys command '${verb}'`);
  const status = values.status;
  if (status !== undefined && !(STATUSES as readonly string[]).includes(status)) {
    throw new UsageError("--status must be active, revoked or expired");
  }
  const limit = parseLimit(values.limit);
  const session = openRemoteSession(io, values);
  const query = {
    limit: Math.min(limit, 200),
    ...(values.workspace === undefined ? {} : { workspaceId: values.workspace }),
    ...(status === undefined ? {} : { status: status as (typeof STATUSES)[number] }),
  };
  const keys = await session.run("Listing keys", () =>
    firstItems(
      session.client.paginate("keys.list", { params: { tenantId: session.tenantId() }, query }),
      limit,
    ),
  );
  printResult(io, values.json, keys, () =>
    formatTable(
      ["ID", "NAME", "WORKSPACE", "PREFIX", "CREATED", "EXPIRES", "LAST USED", "STATE"],
      keys.map((k) => [
        k.id,
        k.name,
        k.workspaceId,
        `${k.prefix}…`,
        formatTime(k.createdAt),
        formatTime(k.expiresAt),
        formatTime(k.lastUsedAt),
        k.status,
      ]),
    ),
  );
  return 0;
}

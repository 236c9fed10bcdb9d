import { issueApiKey } from "@gatehouse/server";
import { UsageError } from "../cli-error.js";
import { COMMON_HELP, type CommandIo, parseCommandArgs, verbOf } from "../command.js";
import { formatTable, formatTime } from "../format-table.js";
import { openCliStorage } from "../open-cli-storage.js";
import { parseDuration } from "../parse-duration.js";

export const KEYS_HELP = `Usage: gatehouse keys <create|list|revoke> [options]

  gatehouse keys create --name NAME [--expires-in 30d] [--json]
      Creates an API key and prints it once. Only its hash is stored.
  gatehouse keys list [--json]
      Lists keys: id, name, prefix, created, expires, state.
  gatehouse keys revoke KEY_ID
      Revokes a key; running servers refuse it within about a second.

Options:
  --name NAME        a label for the key (required for create)
  --expires-in DUR   lifetime, e.g. 12h, 30d, 52w (default: never expires)
  --json             machine-readable output
${COMMON_HELP}`;

/** `gatehouse keys ...` */
export async function keysCommand(args: string[], io: CommandIo): Promise<number> {
  const { values, positionals } = parseCommandArgs(args, {
    name: { type: "string" },
    "expires-in": { type: "string" },
    json: { type: "boolean" },
  });
  const [verbArg, id] = positionals;
  const verb = verbOf(
    io,
    { noun: "keys", help: KEYS_HELP, verbs: ["create", "list", "revoke"] },
    verbArg,
    values.help,
  );
  if (typeof verb === "number") return verb;
  if (verb === "create" && !values.name) throw new UsageError("keys create needs --name NAME");
  if (verb === "revoke" && !id)
    throw new UsageError("keys revoke needs the key id (see `gatehouse keys list`)");
  const expiresIn = values["expires-in"] === undefined ? undefined : parseDuration(values["expires-in"]);
  const s = await openCliStorage(io, values["data-dir"]);
  try {
    if (verb === "create") {
      const expiresAt = expiresIn === undefined ? null : Date.now() + expiresIn;
      const { apiKey, secret } = await issueApiKey(s.store, {
        tenantId: s.tenant.id,
        workspaceId: s.workspace.id,
        name: values.name!,
        expiresAt,
      });
      if (values.json)
        io.out(JSON.stringify({ id: apiKey.id, key: secret, prefix: apiKey.keyPrefix, expiresAt }));
      else
        io.out(`Created key ${apiKey.id} (${apiKey.name}). Copy it now; it is not shown again:\n${secret}`);
      return 0;
    }
    if (verb === "list") {
      const keys = await s.store.apiKeys.list(s.tenant.id);
      if (values.json) {
        io.out(JSON.stringify(keys.map(({ keyHash: _h, ...k }) => k)));
        return 0;
      }
      const now = Date.now();
      const state = (k: (typeof keys)[number]) =>
        k.revokedAt !== null ? "revoked" : k.expiresAt !== null && k.expiresAt <= now ? "expired" : "active";
      io.out(
        formatTable(
          ["ID", "NAME", "PREFIX", "CREATED", "EXPIRES", "STATE"],
          keys.map((k) => [
            k.id,
            k.name,
            `${k.keyPrefix}…`,
            formatTime(k.createdAt),
            formatTime(k.expiresAt),
            state(k),
          ]),
        ),
      );
      return 0;
    }
    if (!(await s.store.apiKeys.revoke(s.tenant.id, id!))) {
      io.err(`gatehouse: no active key with id '${id}'`);
      return 1;
    }
    io.out(`Revoked ${id}.`);
    return 0;
  } finally {
    await s.store.close();
  }
}

import { UsageError } from "./cli-error.js";
import type { CommandIo } from "./command.js";

export type Command = (args: string[], io: CommandIo) => Promise<number>;

export const MAIN_HELP = `Usage: gatehouse <command> [options]

On this machine's data directory (--data-dir or DATABASE_URL; no server needed):
  start       start the gateway (see gatehouse start --help)
  keys        create, list and revoke API keys of the default tenant
  providers   add, update, show, list and remove upstream providers
  models      add, configure, route and list models
  apply       apply a configuration file (gatehouse apply -f gatehouse.yaml [--dry-run] [--prune])
  export      print the configuration as YAML, secrets as environment references
  credentials rotate-key: rotate the master key of provider credentials (servers keep running)

Against a running server, signed in with gatehouse login (profiles in ~/.config/gatehouse):
  login       sign in and save a profile (--url, --email, --password-stdin, --profile)
  logout      end the session and forget its tokens
  whoami      the signed-in user and their tenants
  profiles    list the saved profiles, or pick the current one
  tenants     list your tenants
  workspaces  list and create workspaces
  members     list the tenant's members
  invite      invite someone by email
  api-keys    list, create and revoke API keys of any workspace
  limits      list, set and delete rate limits (tenant, workspace, user, key)
  audit       search the audit log
  prices      the price catalog, the tenant's price book, markup and unpriced-model policy
  budgets     list, set and delete spend budgets and token quotas
  ollama      list, pull (with progress), delete and register an Ollama provider's local models
  billing     credit balance, ledger, redeem a code, monthly statements (CSV/PDF)
  usage       usage summary, request log and CSV export

Run gatehouse <command> --help for a command's options.`;

/**
 * Dispatches a command line; returns the exit code. Every failure is one clear line on stderr:
 * usage mistakes exit 2, operational errors (bad configuration, unreachable database) exit 1.
 */
export async function run(argv: string[], io: CommandIo, commands: Record<string, Command>): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === "--help" || name === "-h" || name === "help") {
    io.out(MAIN_HELP);
    return name === undefined ? 2 : 0;
  }
  const command = commands[name];
  if (!command) {
    io.err(`gatehouse: unknown command '${name}'\n\n${MAIN_HELP}`);
    return 2;
  }
  try {
    return await command(rest, io);
  } catch (err) {
    if (err instanceof UsageError) {
      io.err(`gatehouse ${name}: ${err.message} (see gatehouse ${name} --help)`);
      return 2;
    }
    io.err(`gatehouse: ${(err as Error).message}`);
    return 1;
  }
}

import { UsageError } from "../cli-error.js";
import { type CommandIo, parseCommandArgs } from "../command.js";
import { formatTable } from "../format-table.js";
import { chosenProfileName, profilesPath, readProfiles, writeProfiles } from "../remote/profile-store.js";

export const PROFILES_HELP = `Usage: gatehouse profiles <list|use> [NAME] [--json]

  gatehouse profiles list [--json]   the saved logins; * marks the current one
  gatehouse profiles use NAME        make NAME the current profile

Options:
  --json      machine-readable output (tokens are never printed)
  -h, --help  show this help`;

/** `gatehouse profiles list|use NAME` */
export async function profilesCommand(args: string[], io: CommandIo): Promise<number> {
  const { values, positionals } = parseCommandArgs(args, { json: { type: "boolean" } });
  const [verb, name] = positionals;
  if (values.help || verb === undefined) {
    io.out(PROFILES_HELP);
    return values.help ? 0 : 2;
  }
  const path = profilesPath(io.env);
  const file = readProfiles(path);
  if (verb === "list") {
    const current = chosenProfileName(file, undefined, io.env);
    const rows = Object.entries(file.profiles).map(([n, p]) => ({
      name: n,
      current: n === current,
      url: p.url,
      email: p.email ?? null,
      tenantId: p.tenantId ?? null,
      loggedIn: p.refreshToken !== undefined,
    }));
    if (values.json) io.out(JSON.stringify(rows, null, 2));
    else if (rows.length === 0) io.out("No profiles; run gatehouse login.");
    else
      io.out(
        formatTable(
          ["", "PROFILE", "URL", "EMAIL", "TENANT", "SESSION"],
          rows.map((r) => [
            r.current ? "*" : "",
            r.name,
            r.url,
            r.email ?? "-",
            r.tenantId ?? "-",
            r.loggedIn ? "logged in" : "logged out",
          ]),
        ),
      );
    return 0;
  }
  if (verb === "use") {
    if (name === undefined) throw new UsageError("profiles use needs a profile name");
    if (file.profiles[name] === undefined) {
      io.err(`gatehouse: no profile '${name}' (see gatehouse profiles list)`);
      return 1;
    }
    file.current = name;
    writeProfiles(path, file);
    io.out(`Now using profile ${name}.`);
    return 0;
  }
  throw new UsageError(`unknown profiles command '${verb}'`);
}

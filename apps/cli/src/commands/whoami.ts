import { UsageError } from "../cli-error.js";
import { type CommandIo, parseCommandArgs } from "../command.js";
import { formatTable } from "../format-table.js";
import { openRemoteSession, printResult, REMOTE_HELP, REMOTE_OPTIONS } from "../remote/remote-session.js";

export const WHOAMI_HELP = `Usage: gatehouse whoami [--profile NAME] [--json]

Shows the signed-in user of the profile, the server and the tenants they belong to.

Options:
${REMOTE_HELP}`;

/** `gatehouse whoami` */
export async function whoamiCommand(args: string[], io: CommandIo): Promise<number> {
  const { values, positionals } = parseCommandArgs(args, REMOTE_OPTIONS);
  if (values.help) {
    io.out(WHOAMI_HELP);
    return 0;
  }
  if (positionals.length > 0) throw new UsageError(`unexpected argument '${positionals[0]}'`);
  const session = openRemoteSession(io, values);
  const me = await session.run("Asking the server", () => session.client.auth.me());
  const current = values.tenant ?? session.profile.tenantId;
  printResult(io, values.json, { ...me, url: session.profile.url, profile: session.profileName }, () =>
    [
      `${me.user.name} <${me.user.email}> on ${session.profile.url} (profile ${session.profileName})`,
      "",
      formatTable(
        ["TENANT", "NAME", "ROLE", ""],
        me.memberships.map((m) => [m.tenantId, m.tenantName, m.role, m.tenantId === current ? "*" : ""]),
      ),
    ].join("\n"),
  );
  return 0;
}

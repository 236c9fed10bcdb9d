import { createGatehouseClient } from "@gatehouse/sdk";
import { UsageError } from "../cli-error.js";
import { type CommandIo, parseCommandArgs } from "../command.js";
import { chosenProfileName, profilesPath, readProfiles, writeProfiles } from "../remote/profile-store.js";
import { promptHidden, promptLine, readAllStdin } from "../remote/read-password.js";
import { CLI_USER_AGENT, describeRemoteError } from "../remote/remote-session.js";
import { withSpinner } from "../remote/with-spinner.js";

export const LOGIN_HELP = `Usage: gatehouse login [--url URL] [--email EMAIL] [--password-stdin] [--profile NAME]

Signs in to a running Gatehouse server and saves the session as a profile (the profile becomes current).
Remote commands (whoami, tenants, workspaces, members, invite, api-keys, audit) then use it.

Options:
  --url URL          the server (default: the profile's, $GATEHOUSE_URL, or http://localhost:8080)
  --email EMAIL      the account (prompted for on a terminal)
  --password-stdin   read the password from standard input (otherwise prompted for, without echo)
  --profile NAME     the profile to save (default: $GATEHOUSE_PROFILE, the current one, or "default")
  -h, --help         show this help

Profiles are kept in $GATEHOUSE_CONFIG_DIR/profiles.json (default ~/.config/gatehouse/profiles.json),
readable by you only.`;

/** `gatehouse login`: signs in and saves the profile. */
export async function loginCommand(args: string[], io: CommandIo): Promise<number> {
  const { values, positionals } = parseCommandArgs(args, {
    url: { type: "string" },
    email: { type: "string" },
    "password-stdin": { type: "boolean" },
    profile: { type: "string" },
  });
  if (values.help) {
    io.out(LOGIN_HELP);
    return 0;
  }
  if (positionals.length > 0) throw new UsageError(`unexpected argument '${positionals[0]}'`);
  const path = profilesPath(io.env);
  const file = readProfiles(path);
  const name = chosenProfileName(file, values.profile, io.env);
  const saved = file.profiles[name];
  const url = values.url ?? saved?.url ?? io.env.GATEHOUSE_URL ?? "http://localhost:8080";
  if (!/^https?:\/\/[^/]/.test(url)) throw new UsageError(`--url must be an http(s) URL, not '${url}'`);
  const terminal = io.stdin?.isTTY && io.tty?.isTTY ? { stdin: io.stdin, write: io.tty.write } : undefined;

  const email = values.email ?? (terminal ? await promptLine(terminal, "Email: ") : saved?.email);
  if (!email) throw new UsageError("login needs --email EMAIL");
  let password: string;
  if (values["password-stdin"]) {
    if (io.stdin === undefined) throw new UsageError("no standard input to read the password from");
    password = await readAllStdin(io.stdin);
  } else if (terminal) password = await promptHidden(terminal, "Password: ");
  else throw new UsageError("no terminal to prompt for the password; pass it with --password-stdin");
  if (password === "") throw new UsageError("the password is empty");

  const client = createGatehouseClient({ baseUrl: url, headers: { "user-agent": CLI_USER_AGENT } });
  const { me, session } = await withSpinner(io.tty, `Signing in to ${url}`, async () => {
    const session = await client.auth.logIn({ body: { email, password } });
    return { session, me: await client.auth.me() };
  }).catch((err: unknown) => {
    throw describeRemoteError(err, url);
  });
  const tokens = client.tokens();
  const keepTenant = saved?.url === url && me.memberships.some((m) => m.tenantId === saved.tenantId);
  const tenantId = keepTenant ? saved?.tenantId : me.memberships[0]?.tenantId;
  file.profiles[name] = {
    url,
    email: session.user.email,
    ...(tenantId === undefined ? {} : { tenantId }),
    ...(tokens.accessToken === undefined ? {} : { accessToken: tokens.accessToken }),
    ...(tokens.refreshToken === undefined ? {} : { refreshToken: tokens.refreshToken }),
  };
  file.current = name;
  writeProfiles(path, file);
  const tenant = me.memberships.find((m) => m.tenantId === tenantId);
  io.out(
    `Logged in to ${url} as ${session.user.email} (profile ${name}${tenant ? `, tenant ${tenant.tenantName} ${tenant.tenantId}` : ""}).`,
  );
  return 0;
}

import { UsageError } from "../cli-error.js";
import { type CommandIo, parseCommandArgs } from "../command.js";
import { chosenProfileName, profilesPath, readProfiles, writeProfiles } from "../remote/profile-store.js";
import { openRemoteSession } from "../remote/remote-session.js";

export const LOGOUT_HELP = `Usage: gatehouse logout [--profile NAME]

Ends the profile's session on the server and removes its tokens (the profile keeps its URL and email).

Options:
  --profile NAME  the profile (default: $GATEHOUSE_PROFILE or the current one)
  -h, --help      show this help`;

/** `gatehouse logout`: ends the session server-side, then forgets the tokens locally. */
export async function logoutCommand(args: string[], io: CommandIo): Promise<number> {
  const { values, positionals } = parseCommandArgs(args, { profile: { type: "string" } });
  if (values.help) {
    io.out(LOGOUT_HELP);
    return 0;
  }
  if (positionals.length > 0) throw new UsageError(`unexpected argument '${positionals[0]}'`);
  const session = openRemoteSession(io, { profile: values.profile });
  const refreshToken = session.profile.refreshToken;
  let warning: string | undefined;
  if (refreshToken !== undefined) {
    // The tokens are forgotten locally whatever the server answers: a logout must never leave you signed in.
    await session
      .run("Signing out", () => session.client.auth.logOut({ body: { refreshToken } }))
      .catch((err) => {
        warning = `gatehouse: the server did not confirm the logout: ${(err as Error).message}`;
      });
  }
  const path = profilesPath(io.env);
  const file = readProfiles(path);
  const name = chosenProfileName(file, values.profile, io.env);
  const profile = file.profiles[name];
  if (profile !== undefined) {
    const { accessToken: _a, refreshToken: _r, ...rest } = profile;
    file.profiles[name] = rest;
    writeProfiles(path, file);
  }
  if (warning !== undefined) io.err(warning);
  io.out(`Logged out (profile ${name}).`);
  return 0;
}

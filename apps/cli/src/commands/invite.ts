import { UsageError } from "../cli-error.js";
import { type CommandIo, parseCommandArgs } from "../command.js";
import { formatTime } from "../format-table.js";
import { openRemoteSession, printResult, REMOTE_HELP, REMOTE_OPTIONS } from "../remote/remote-session.js";

export const INVITE_HELP = `Usage: gatehouse invite EMAIL --role ROLE [--workspace ID] [--workspace-role ROLE] [--expires-in-days N]

Remote (see gatehouse login): emails an invitation to join the profile's tenant (the server needs SMTP).

Options:
  --role ROLE            tenant role: owner, admin, member, viewer, billing or a custom role's id
  --workspace ID         also add them to this workspace
  --workspace-role ROLE  their workspace role: admin, member or viewer
  --expires-in-days N    how long the link works (1-30, default 7)
${REMOTE_HELP}`;

/** `gatehouse invite EMAIL --role ROLE` */
export async function inviteCommand(args: string[], io: CommandIo): Promise<number> {
  const { values, positionals } = parseCommandArgs(args, {
    ...REMOTE_OPTIONS,
    role: { type: "string" },
    workspace: { type: "string" },
    "workspace-role": { type: "string" },
    "expires-in-days": { type: "string" },
  });
  const [email] = positionals;
  if (values.help || email === undefined) {
    io.out(INVITE_HELP);
    return values.help ? 0 : 2;
  }
  if (!values.role) throw new UsageError("invite needs --role ROLE");
  const days = values["expires-in-days"] === undefined ? undefined : Number(values["expires-in-days"]);
  if (days !== undefined && !Number.isInteger(days))
    throw new UsageError("--expires-in-days must be a whole number");
  const workspaceRole = values["workspace-role"];
  if (workspaceRole !== undefined && !["admin", "member", "viewer"].includes(workspaceRole)) {
    throw new UsageError("--workspace-role must be admin, member or viewer");
  }
  const session = openRemoteSession(io, values);
  const tenantId = session.tenantId();
  const invitation = await session.run("Sending the invitation", () =>
    session.client.invitations.create({
      params: { tenantId },
      body: {
        email,
        role: values.role!,
        ...(values.workspace === undefined ? {} : { workspaceId: values.workspace }),
        ...(workspaceRole === undefined
          ? {}
          : { workspaceRole: workspaceRole as "admin" | "member" | "viewer" }),
        ...(days === undefined ? {} : { expiresInDays: days }),
      },
    }),
  );
  printResult(
    io,
    values.json,
    invitation,
    () =>
      `Invited ${invitation.email} as ${invitation.role} (${invitation.id}, expires ${formatTime(invitation.expiresAt)}).`,
  );
  return 0;
}

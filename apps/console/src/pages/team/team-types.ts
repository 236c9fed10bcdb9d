import type { OperationOutput, PageItem } from "@gatehouse/sdk";

export type Member = PageItem<"members.list">;
export type WorkspaceMember = PageItem<"workspaceMembers.list">;
export type Invitation = PageItem<"invitations.list">;
export type Role = OperationOutput<"roles.list">["items"][number];

/** The built-in workspace roles (a workspace role adds rights inside one workspace). */
export const WORKSPACE_ROLES = ["admin", "member", "viewer"] as const;

import { z } from "zod";
import { Empty, Id, Timestamp } from "./common.js";
import { defineContract } from "./define-contract.js";
import { PageQuery, pageOf } from "./pagination.js";
import { WORKSPACE_ROLES } from "./roles.js";

const tag = "Members";

/** A tenant role: a built-in name (owner, admin, member, viewer, billing) or a custom role's id. */
export const TenantRoleRef = z.string().min(1).max(40);

export const MemberSchema = z.object({
  userId: Id,
  email: z.string(),
  name: z.string(),
  role: z.string(),
  createdAt: Timestamp,
});

export const WorkspaceMemberSchema = MemberSchema.extend({ workspaceId: Id });

export const listMembers = defineContract({
  id: "members.list",
  method: "GET",
  path: "/api/tenants/:tenantId/members",
  tag,
  summary: "List the tenant's members",
  access: { permission: "members:read" },
  params: z.object({ tenantId: Id }),
  query: z.object({ ...PageQuery, role: z.string().max(40).optional() }),
  response: pageOf(MemberSchema),
});

export const updateMember = defineContract({
  id: "members.update",
  method: "PATCH",
  path: "/api/tenants/:tenantId/members/:userId",
  tag,
  summary: "Change a member's tenant role",
  description: "Only an owner grants owner; the last owner cannot be demoted.",
  access: { permission: "members:manage" },
  params: z.object({ tenantId: Id, userId: Id }),
  body: z.object({ role: TenantRoleRef }),
  response: MemberSchema,
});

export const removeMember = defineContract({
  id: "members.remove",
  method: "DELETE",
  path: "/api/tenants/:tenantId/members/:userId",
  tag,
  summary: "Remove a member from the tenant (their keys in it are revoked)",
  access: { permission: "members:manage" },
  params: z.object({ tenantId: Id, userId: Id }),
  response: Empty,
  status: 204,
});

const WsParams = z.object({ tenantId: Id, workspaceId: Id });

export const listWorkspaceMembers = defineContract({
  id: "workspaceMembers.list",
  method: "GET",
  path: "/api/tenants/:tenantId/workspaces/:workspaceId/members",
  tag,
  summary: "List a workspace's members",
  access: { permission: "members:read" },
  params: WsParams,
  query: z.object({ ...PageQuery }),
  response: pageOf(WorkspaceMemberSchema),
});

export const putWorkspaceMember = defineContract({
  id: "workspaceMembers.put",
  method: "PUT",
  path: "/api/tenants/:tenantId/workspaces/:workspaceId/members/:userId",
  tag,
  summary: "Add a tenant member to a workspace, or change their workspace role",
  access: { permission: "workspaces:manage" },
  params: WsParams.extend({ userId: Id }),
  body: z.object({ role: z.enum(WORKSPACE_ROLES) }),
  response: WorkspaceMemberSchema,
});

export const removeWorkspaceMember = defineContract({
  id: "workspaceMembers.remove",
  method: "DELETE",
  path: "/api/tenants/:tenantId/workspaces/:workspaceId/members/:userId",
  tag,
  summary: "Remove a member from a workspace",
  access: { permission: "workspaces:manage" },
  params: WsParams.extend({ userId: Id }),
  response: Empty,
  status: 204,
});

export const MEMBER_CONTRACTS = [
  listMembers,
  updateMember,
  removeMember,
  listWorkspaceMembers,
  putWorkspaceMember,
  removeWorkspaceMember,
] as const;

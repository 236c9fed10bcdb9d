import { z } from "zod";
import { SessionSchema } from "./auth-contracts.js";
import { Email, Empty, Id, Name, Timestamp } from "./common.js";
import { defineContract } from "./define-contract.js";
import { TenantRoleRef } from "./member-contracts.js";
import { PageQuery, pageOf } from "./pagination.js";
import { WORKSPACE_ROLES } from "./roles.js";

const tag = "Invitations";

export const InvitationSchema = z.object({
  id: Id,
  tenantId: Id,
  email: z.string(),
  role: z.string(),
  workspaceId: Id.nullable(),
  workspaceRole: z.enum(WORKSPACE_ROLES).nullable(),
  invitedBy: Id.nullable(),
  expiresAt: Timestamp,
  createdAt: Timestamp,
  status: z.enum(["pending", "accepted", "revoked", "expired"]),
});

export const createInvitation = defineContract({
  id: "invitations.create",
  method: "POST",
  path: "/api/tenants/:tenantId/invitations",
  tag,
  summary: "Invite someone by email (the link is valid for 7 days by default)",
  access: { permission: "members:manage" },
  params: z.object({ tenantId: Id }),
  body: z.object({
    email: Email,
    role: TenantRoleRef,
    workspaceId: Id.optional(),
    workspaceRole: z.enum(WORKSPACE_ROLES).optional(),
    expiresInDays: z.number().int().min(1).max(30).default(7),
  }),
  response: InvitationSchema,
  idempotent: true,
});

export const listInvitations = defineContract({
  id: "invitations.list",
  method: "GET",
  path: "/api/tenants/:tenantId/invitations",
  tag,
  summary: "List invitations",
  access: { permission: "members:read" },
  params: z.object({ tenantId: Id }),
  query: z.object({ ...PageQuery, status: z.enum(["pending", "accepted", "revoked", "expired"]).optional() }),
  response: pageOf(InvitationSchema),
});

export const revokeInvitation = defineContract({
  id: "invitations.revoke",
  method: "DELETE",
  path: "/api/tenants/:tenantId/invitations/:invitationId",
  tag,
  summary: "Revoke a pending invitation",
  access: { permission: "members:manage" },
  params: z.object({ tenantId: Id, invitationId: Id }),
  response: Empty,
  status: 204,
});

export const acceptInvitation = defineContract({
  id: "invitations.accept",
  method: "POST",
  path: "/api/invitations/accept",
  tag,
  summary: "Accept an invitation with the emailed token",
  description:
    "Creates the account when the address has none (name and password required); otherwise the account's password proves it is theirs. Single use.",
  access: "public",
  body: z.object({
    token: z.string().min(1).max(200),
    password: z.string().min(1).max(256),
    name: Name.optional(),
  }),
  response: SessionSchema,
});

export const INVITATION_CONTRACTS = [
  createInvitation,
  listInvitations,
  revokeInvitation,
  acceptInvitation,
] as const;

import type {
  AuditLogTable,
  InvitationsTable,
  MembershipsTable,
  RolesTable,
  ServiceAccountsTable,
  WorkspaceMembersTable,
} from "../database.js";
import { nullableNumber } from "../row-mappers.js";
import type {
  AuditActorKind,
  AuditEntry,
  CustomRole,
  Invitation,
  Membership,
  ServiceAccount,
  WorkspaceMembership,
} from "../tenancy-types.js";

/** Tenancy rows as stored (snake_case, JSON text) to the Store's rows (camelCase, arrays, objects). */

/** A membership row with its user's email and name, as the listings join them. */
export type MembershipRow = MembershipsTable & { email: string; name: string };
export type WorkspaceMemberRow = WorkspaceMembersTable & { email: string; name: string };

export function toMembership(row: MembershipRow): Membership {
  return {
    tenantId: row.tenant_id,
    userId: row.user_id,
    role: row.role,
    createdAt: Number(row.created_at),
    email: row.email,
    name: row.name,
  };
}

export function toWorkspaceMembership(row: WorkspaceMemberRow): WorkspaceMembership {
  return { ...toMembership(row), workspaceId: row.workspace_id };
}

export function toCustomRole(row: RolesTable): CustomRole {
  return {
    id: row.id,
    tenantId: row.tenant_id,
    name: row.name,
    permissions: JSON.parse(row.permissions) as string[],
    createdAt: Number(row.created_at),
  };
}

export function toServiceAccount(row: ServiceAccountsTable): ServiceAccount {
  return {
    id: row.id,
    tenantId: row.tenant_id,
    workspaceId: row.workspace_id,
    name: row.name,
    role: row.role,
    createdAt: Number(row.created_at),
  };
}

/** The token hash stays in the database: an invitation read back never carries it. */
export function toInvitation(row: Omit<InvitationsTable, "token_hash">): Invitation {
  return {
    id: row.id,
    tenantId: row.tenant_id,
    email: row.email,
    role: row.role,
    workspaceId: row.workspace_id,
    workspaceRole: row.workspace_role,
    invitedBy: row.invited_by,
    createdAt: Number(row.created_at),
    expiresAt: Number(row.expires_at),
    acceptedAt: nullableNumber(row.accepted_at),
    revokedAt: nullableNumber(row.revoked_at),
  };
}

export function toAuditEntry(row: AuditLogTable): AuditEntry {
  return {
    id: row.id,
    tenantId: row.tenant_id,
    at: Number(row.at),
    actorKind: row.actor_kind as AuditActorKind,
    actorId: row.actor_id,
    action: row.action,
    targetKind: row.target_kind,
    targetId: row.target_id,
    ip: row.ip,
    userAgent: row.user_agent,
    before: row.before === null ? null : (JSON.parse(row.before) as unknown),
    after: row.after === null ? null : (JSON.parse(row.after) as unknown),
  };
}

import {
  type BuiltInTenantRole,
  type OidcRoleMapping,
  TENANT_ROLES,
  WORKSPACE_ROLES,
  type WorkspaceRole,
} from "@gatehouse/contracts";
import { readOidcGroups } from "./read-oidc-groups.js";

/** The roles a login grants. */
export interface OidcRoleAssignment {
  /** The tenant role; null means the user may not sign in. */
  tenantRole: BuiltInTenantRole | null;
  /** Workspace roles, one per workspace (the highest its rules give), in the order rules name them. */
  workspaces: Array<{ workspace: string; role: WorkspaceRole }>;
}

/**
 * Maps a verified identity's groups to roles: every rule whose `group` the user is in (exact,
 * case-sensitive match: Azure AD sends group ids, Okta and Keycloak names) contributes; the tenant role
 * is the most privileged contributed (the order of the contracts' TENANT_ROLES: owner > admin >
 * member > viewer > billing), else the mapping's
 * default, else null. A user without a tenant role gets no workspace either.
 *
 * @example
 * mapClaimsToRoles(claims.raw, { rules: [{ group: "gh-admins", tenantRole: "admin" }], defaultTenantRole: "viewer" });
 * // { tenantRole: "admin", workspaces: [] } for a member of gh-admins
 */
export function mapClaimsToRoles(
  claims: Readonly<Record<string, unknown>>,
  mapping: OidcRoleMapping,
): OidcRoleAssignment {
  const groups = new Set(readOidcGroups(claims, mapping.groupsClaim ?? "groups"));
  const matched = mapping.rules.filter((rule) => groups.has(rule.group));
  const tenantRoles = matched.flatMap((rule) => (rule.tenantRole === undefined ? [] : [rule.tenantRole]));
  const tenantRole = highest(TENANT_ROLES, tenantRoles) ?? mapping.defaultTenantRole ?? null;
  if (tenantRole === null) return { tenantRole, workspaces: [] };
  const byWorkspace = new Map<string, WorkspaceRole>();
  for (const rule of matched) {
    if (rule.workspace === undefined) continue;
    const role = rule.workspaceRole ?? "member";
    const held = byWorkspace.get(rule.workspace);
    byWorkspace.set(
      rule.workspace,
      held === undefined ? role : (highest(WORKSPACE_ROLES, [held, role]) ?? role),
    );
  }
  return { tenantRole, workspaces: [...byWorkspace].map(([workspace, role]) => ({ workspace, role })) };
}

/** The first of `order` (most privileged first) found in `roles`. */
function highest<R extends string>(order: readonly R[], roles: readonly R[]): R | undefined {
  return order.find((role) => roles.includes(role));
}

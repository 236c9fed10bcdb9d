import type { TenantStore } from "../../store/tenancy-types.js";
import type { OidcRoleAssignment } from "../oidc/map-oidc-claims.js";

/** A user's roles in the workspaces a mapping manages, before and after one login. */
export interface SsoWorkspaceChanges {
  before: Array<{ workspaceId: string; role: string }>;
  after: Array<{ workspaceId: string; role: string }>;
  changed: boolean;
}

/**
 * Makes the user's memberships of the workspaces the mapping names (`managed`: reference → id) match
 * what the groups give at this login: added, re-roled, or removed when no group gives them any more.
 * Workspaces the mapping does not name are left alone, so memberships granted by hand stay.
 *
 * @example
 * await syncSsoWorkspaces(store.forTenant(t), userId, assignment, await resolveMappingWorkspaces(...));
 */
export async function syncSsoWorkspaces(
  tenant: Pick<TenantStore, "workspaceMembers">,
  userId: string,
  assignment: OidcRoleAssignment,
  managed: ReadonlyMap<string, string>,
): Promise<SsoWorkspaceChanges> {
  const managedIds = new Set(managed.values());
  const desired = new Map<string, string>();
  for (const { workspace, role } of assignment.workspaces) {
    const id = managed.get(workspace);
    if (id !== undefined) desired.set(id, role);
  }
  const held = (await tenant.workspaceMembers.ofUser(userId)).filter((m) => managedIds.has(m.workspaceId));
  let changed = false;
  for (const { workspaceId, role } of held) {
    if (!desired.has(workspaceId)) {
      await tenant.workspaceMembers.remove(workspaceId, userId);
      changed = true;
    }
    if (desired.get(workspaceId) === role) desired.delete(workspaceId);
  }
  for (const [workspaceId, role] of desired) {
    await tenant.workspaceMembers.put(workspaceId, userId, role);
    changed = true;
  }
  const after = (await tenant.workspaceMembers.ofUser(userId)).filter((m) => managedIds.has(m.workspaceId));
  return { before: held, after, changed };
}

/**
 * Every permission a role can carry. One name per resource and verb. Tenant roles grant them across the
 * tenant; workspace roles grant the workspace-scoped ones inside their workspace only.
 */
export const PERMISSIONS = [
  "tenant:read",
  "tenant:update",
  "tenant:delete",
  "members:read",
  "members:manage",
  "roles:read",
  "roles:manage",
  "workspaces:read",
  "workspaces:create",
  "workspaces:manage",
  "keys:read",
  "keys:create",
  "keys:manage",
  "service-accounts:read",
  "service-accounts:manage",
  "providers:read",
  "providers:manage",
  "models:read",
  "models:manage",
  "models:use",
  "deployments:read",
  "audit:read",
  "usage:read",
  "prompts:read",
  "billing:read",
  "billing:manage",
] as const;

export type Permission = (typeof PERMISSIONS)[number];

/** Permissions a workspace role can grant: those that make sense inside one workspace. */
export const WORKSPACE_PERMISSIONS = [
  "workspaces:read",
  "workspaces:manage",
  "members:read",
  "keys:read",
  "keys:create",
  "keys:manage",
  "models:use",
  "usage:read",
  "prompts:read",
] as const satisfies readonly Permission[];

export type WorkspacePermission = (typeof WORKSPACE_PERMISSIONS)[number];

/** Whether a string names a permission. */
export function isPermission(value: string): value is Permission {
  return (PERMISSIONS as readonly string[]).includes(value);
}

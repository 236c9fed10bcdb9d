import { PERMISSIONS, type Permission, type WorkspacePermission } from "./permissions.js";

export const TENANT_ROLES = ["owner", "admin", "member", "viewer", "billing"] as const;
export type BuiltInTenantRole = (typeof TENANT_ROLES)[number];

export const WORKSPACE_ROLES = ["admin", "member", "viewer"] as const;
export type WorkspaceRole = (typeof WORKSPACE_ROLES)[number];

const READ_CATALOG: Permission[] = ["tenant:read", "workspaces:read", "models:read", "providers:read"];

/**
 * What each built-in tenant role may do. A viewer reads and never writes; billing sees money and usage
 * counts, never prompts or keys; a member works inside the workspaces they belong to (their workspace
 * role adds what they may do there) and may call models.
 */
export const TENANT_ROLE_PERMISSIONS: Readonly<Record<BuiltInTenantRole, readonly Permission[]>> = {
  owner: PERMISSIONS,
  admin: PERMISSIONS.filter((p) => p !== "tenant:delete"),
  member: [...READ_CATALOG, "members:read", "roles:read", "deployments:read", "models:use"],
  viewer: [
    ...READ_CATALOG,
    "members:read",
    "roles:read",
    "keys:read",
    "service-accounts:read",
    "deployments:read",
    "audit:read",
    "usage:read",
  ],
  billing: ["tenant:read", "workspaces:read", "models:read", "usage:read", "billing:read", "billing:manage"],
};

/** What each workspace role may do inside its workspace. */
export const WORKSPACE_ROLE_PERMISSIONS: Readonly<Record<WorkspaceRole, readonly WorkspacePermission[]>> = {
  admin: [
    "workspaces:read",
    "workspaces:manage",
    "members:read",
    "keys:read",
    "keys:create",
    "keys:manage",
    "models:use",
    "usage:read",
    "prompts:read",
  ],
  member: ["workspaces:read", "members:read", "keys:read", "keys:create", "models:use", "usage:read"],
  viewer: ["workspaces:read", "members:read", "keys:read", "usage:read"],
};

/** Whether a string is a built-in tenant role. */
export function isBuiltInTenantRole(value: string): value is BuiltInTenantRole {
  return (TENANT_ROLES as readonly string[]).includes(value);
}

/**
 * Whether `role` may be granted by someone holding `granter`: only an owner makes owners, so an admin
 * cannot promote anyone (themselves included) above their own rank.
 */
export function mayGrantRole(granter: string, role: string): boolean {
  if (role === "owner") return granter === "owner";
  return granter === "owner" || granter === "admin";
}

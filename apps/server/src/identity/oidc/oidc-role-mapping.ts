import { z } from "zod";

/** Tenant roles, most privileged first: the order `mapClaimsToRoles` picks the highest by. */
export const TENANT_ROLES = ["owner", "admin", "member", "billing", "viewer"] as const;
export type TenantRole = (typeof TENANT_ROLES)[number];

/** Workspace roles, most privileged first. */
export const WORKSPACE_ROLES = ["admin", "member", "viewer"] as const;
export type WorkspaceRole = (typeof WORKSPACE_ROLES)[number];

/** One rule: members of `group` get `tenantRole` and/or `workspaceRole` in `workspace`. */
export const oidcRoleRuleSchema = z
  .object({
    group: z.string().min(1),
    tenantRole: z.enum(TENANT_ROLES).optional(),
    workspace: z.string().min(1).optional(),
    /** Defaults to "member" when `workspace` is set. */
    workspaceRole: z.enum(WORKSPACE_ROLES).optional(),
  })
  .refine((r) => r.tenantRole !== undefined || r.workspace !== undefined, {
    message: "a rule grants a tenantRole, a workspace, or both",
  })
  .refine((r) => r.workspaceRole === undefined || r.workspace !== undefined, {
    message: "workspaceRole needs a workspace",
  });
export type OidcRoleRule = z.infer<typeof oidcRoleRuleSchema>;

/**
 * How a provider's groups become Gatehouse roles.
 *
 * @example
 * { groupsClaim: "groups", defaultTenantRole: null,
 *   rules: [{ group: "gh-admins", tenantRole: "admin" }, { group: "ml", workspace: "research", workspaceRole: "member" }] }
 */
export const oidcRoleMappingSchema = z.object({
  /** The claim holding the groups: a name, or a dotted path into nested claims. Default "groups". */
  groupsClaim: z.string().min(1).optional(),
  rules: z.array(oidcRoleRuleSchema),
  /** The tenant role of a user no rule gives one; null (the default) lets such users in nowhere. */
  defaultTenantRole: z.enum(TENANT_ROLES).nullable().optional(),
});
export type OidcRoleMapping = z.infer<typeof oidcRoleMappingSchema>;

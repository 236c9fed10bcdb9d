import { z } from "zod";
import { TENANT_ROLES, WORKSPACE_ROLES } from "./roles.js";

/** One rule: members of `group` get `tenantRole` and/or `workspaceRole` in `workspace`. */
export const oidcRoleRuleSchema = z
  .object({
    /** A group as the identity provider names it (exact, case-sensitive: Entra ID sends object ids). */
    group: z.string().min(1).max(256),
    tenantRole: z.enum(TENANT_ROLES).optional(),
    /** A workspace of the tenant, by id (`ws_…`) or by name. */
    workspace: z.string().min(1).max(100).optional(),
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
 * How an identity provider's groups become Gatehouse roles (single sign-on, docs/sso.md).
 *
 * @example
 * { groupsClaim: "groups", defaultTenantRole: null,
 *   rules: [{ group: "gh-admins", tenantRole: "admin" }, { group: "ml", workspace: "research", workspaceRole: "member" }] }
 */
export const oidcRoleMappingSchema = z.object({
  /** The claim holding the groups: a name, or a dotted path into nested claims. Default "groups". */
  groupsClaim: z.string().min(1).max(256).optional(),
  rules: z.array(oidcRoleRuleSchema).max(200),
  /** The tenant role of a user no rule gives one; null (the default) lets such new users in nowhere. */
  defaultTenantRole: z.enum(TENANT_ROLES).nullable().optional(),
});
export type OidcRoleMapping = z.infer<typeof oidcRoleMappingSchema>;

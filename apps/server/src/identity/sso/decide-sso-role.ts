import { type BuiltInTenantRole, isBuiltInTenantRole } from "@gatehouse/contracts";

/** What the identity provider's groups say about an existing member, at one login. */
export interface SsoRoleInputs {
  /** The member's role now: a built-in role or a custom role's id. */
  current: string;
  /** The role a matched rule gives (the most privileged one), or null when no rule matched. */
  ruleRole: BuiltInTenantRole | null;
  /** The mapping's default role for users no rule gives one, or null. */
  defaultRole: BuiltInTenantRole | null;
  /** Whether the member is the tenant's only owner. */
  lastOwner: boolean;
}

/**
 * The tenant role an existing member holds after a single sign-on login. Groups are authoritative on
 * every login, with three guards so single sign-on never locks anyone out (docs/sso.md):
 * - a matched rule sets the role, upgrades and downgrades alike (an owner too: "unless the mapping says
 *   so");
 * - without a matched rule, the default role applies only to members holding a built-in role below
 *   owner: an owner, or a member given a custom role by hand, keeps it;
 * - without a matched rule and without a default, the role stays;
 * - the tenant's last owner is never demoted (it would leave the tenant without an owner).
 *
 * @example
 * decideSsoRole({ current: "member", ruleRole: "admin", defaultRole: "viewer", lastOwner: false }); // "admin"
 * decideSsoRole({ current: "owner", ruleRole: null, defaultRole: "viewer", lastOwner: false }); // "owner"
 */
export function decideSsoRole(inputs: SsoRoleInputs): string {
  const { current, ruleRole, defaultRole, lastOwner } = inputs;
  let target = current;
  if (ruleRole !== null) target = ruleRole;
  else if (defaultRole !== null && isBuiltInTenantRole(current) && current !== "owner") target = defaultRole;
  if (current === "owner" && target !== "owner" && lastOwner) return current;
  return target;
}

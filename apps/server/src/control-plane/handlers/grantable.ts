import { isBuiltInTenantRole, mayGrantRole, type Permission } from "@gatehouse/contracts";
import { GatewayError } from "@gatehouse/protocol";
import type { TenantAccess } from "../../auth/access-control.js";
import type { CallContext, ControlPlaneDeps } from "./control-plane-deps.js";

/**
 * Refuses permissions the caller does not hold across the tenant: nobody hands out more than they have
 * (an admin cannot write a custom role with tenant:delete and so gain it).
 */
export function requireHeld(access: TenantAccess, permissions: readonly string[]): void {
  const beyond = permissions.filter((p) => !access.tenant.has(p as Permission));
  if (beyond.length > 0) {
    throw new GatewayError(
      "permission_denied",
      `You may not grant ${beyond.join(", ")}: you do not hold it.`,
    );
  }
}

/**
 * Refuses to grant (or take away) a tenant role the caller may not: only an owner grants owner
 * (mayGrantRole), and a custom role only by someone who holds every permission it carries.
 *
 * @example
 * await requireGrantable(deps, ctx, access, body.role, "Only an owner invites owners.");
 */
export async function requireGrantable(
  deps: ControlPlaneDeps,
  ctx: CallContext,
  access: TenantAccess,
  role: string,
  message: string,
): Promise<void> {
  if (!mayGrantRole(access.role ?? "", role)) throw new GatewayError("permission_denied", message);
  if (isBuiltInTenantRole(role)) return;
  const custom = await deps.store.forTenant(ctx.tenantId!).roles.get(role);
  requireHeld(access, custom?.permissions ?? []);
}

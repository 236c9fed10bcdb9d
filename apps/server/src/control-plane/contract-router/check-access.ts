import type { Access, Permission } from "@gatehouse/contracts";
import { GatewayError } from "@gatehouse/protocol";
import type { ApiPrincipal } from "./api-principal.js";

/** The answer of a permission check; `no_access` when the caller cannot even see the tenant/workspace. */
export type AccessDecision = "allowed" | "forbidden" | "no_access";

export type Authorize = (
  principal: ApiPrincipal,
  check: { tenantId: string; workspaceId?: string; permission: Permission },
) => Promise<AccessDecision>;

/**
 * Enforces an operation's access rule on an authenticated caller, answering the tenant the operation
 * acts in (null when it acts in none). A caller with no access to the tenant or workspace gets the same
 * 404 as a resource that does not exist, so ids of other tenants cannot be probed (DESIGN.md
 * invariant 7); a caller who can see it but lacks the permission gets 403.
 *
 * @example
 * await checkAccess({ permission: "keys:read" }, principal, { tenantId: "ten_…" }, authorize); // "ten_…"
 */
export async function checkAccess(
  access: Access,
  principal: ApiPrincipal | null,
  params: Record<string, unknown>,
  authorize: Authorize,
  operatorTenant?: () => Promise<string | null>,
): Promise<string | null> {
  const pathTenant = typeof params.tenantId === "string" ? params.tenantId : null;
  if (access === "public") return pathTenant;
  if (principal === null) throw new GatewayError("unauthenticated");
  if (access === "user") {
    if (principal.kind !== "user") {
      throw new GatewayError("permission_denied", "This operation needs a signed-in user, not an API key.");
    }
    return pathTenant;
  }
  if (access.operator) return checkOperator(access.permission, principal, authorize, operatorTenant);
  // Without :tenantId in the path, the operation acts in the tenant of the key that calls it.
  const tenantId = pathTenant ?? (principal.kind === "api_key" ? principal.tenantId : null);
  if (tenantId === null) throw new GatewayError("not_found", "The resource does not exist.");
  const workspaceId = typeof params.workspaceId === "string" ? params.workspaceId : undefined;
  const decision = await authorize(principal, {
    tenantId,
    ...(workspaceId === undefined ? {} : { workspaceId }),
    permission: access.permission,
  });
  if (decision === "no_access") throw new GatewayError("not_found", "The resource does not exist.");
  if (decision === "forbidden") {
    throw new GatewayError("permission_denied", `This operation needs the ${access.permission} permission.`);
  }
  return tenantId;
}

/**
 * An installation-wide operation: the permission must be held in the operator's tenant (the
 * installation's first). Anyone else gets 403, not 404: the operation exists, it is just not theirs.
 */
async function checkOperator(
  permission: Permission,
  principal: ApiPrincipal,
  authorize: Authorize,
  operatorTenant: (() => Promise<string | null>) | undefined,
): Promise<string> {
  const tenantId = operatorTenant ? await operatorTenant() : null;
  const decision = tenantId === null ? "no_access" : await authorize(principal, { tenantId, permission });
  if (decision !== "allowed" || tenantId === null) {
    throw new GatewayError(
      "permission_denied",
      `This operation is the operator's: it needs ${permission} in the installation's first tenant.`,
    );
  }
  return tenantId;
}

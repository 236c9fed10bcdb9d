import { useQuery } from "@tanstack/react-query";
import { useApi } from "../../api/api-context";
import { useScope } from "../../scope/scope-context";
import type { Role } from "./team-types";

/**
 * The tenant's roles (built-in and custom) and helpers: a role's display name (custom roles are referred
 * to by id), and the roles the caller may grant (only an owner grants owner).
 */
export function useRoles() {
  const { client } = useApi();
  const scope = useScope();
  const roles = useQuery({
    queryKey: ["roles.list", scope.tenantId],
    queryFn: () => client.roles.list({ params: { tenantId: scope.tenantId } }),
    enabled: scope.can("roles:read"),
  });
  const items: Role[] = roles.data?.items ?? [];
  const nameOf = (id: string) => items.find((r) => r.id === id)?.name ?? id;
  const grantable = items
    .filter((r) => r.id !== "owner" || scope.role === "owner")
    .map((r) => ({ value: r.id, label: r.builtIn ? r.name : `${r.name} (custom)` }));
  return { roles, items, nameOf, grantable };
}

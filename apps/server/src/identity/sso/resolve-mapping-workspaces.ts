import type { OidcRoleMapping } from "@gatehouse/contracts";
import type { TenantStore } from "../../store/tenancy-types.js";

const PAGE = 200;

/**
 * The workspaces a role mapping names, by the reference each rule gives (a workspace id, or a name
 * compared case-insensitively), resolved in the tenant: `{ reference → workspace id }`. A reference that
 * matches nothing is left out, so the caller decides: refuse it when saving the mapping, skip it at login
 * (the workspace was removed since).
 *
 * @example
 * const ids = await resolveMappingWorkspaces(store.forTenant(t), mapping); // Map { "research" => "ws_…" }
 */
export async function resolveMappingWorkspaces(
  tenant: Pick<TenantStore, "workspaces">,
  mapping: Pick<OidcRoleMapping, "rules">,
): Promise<Map<string, string>> {
  const wanted = new Set(mapping.rules.flatMap((r) => (r.workspace === undefined ? [] : [r.workspace])));
  const resolved = new Map<string, string>();
  if (wanted.size === 0) return resolved;
  let cursor: string | undefined;
  do {
    const page = await tenant.workspaces.list({ limit: PAGE, order: "asc", ...(cursor && { cursor }) });
    for (const ws of page.items) {
      for (const ref of wanted) {
        if (ref === ws.id || ref.toLowerCase() === ws.name.toLowerCase()) resolved.set(ref, ws.id);
      }
    }
    cursor = page.nextCursor ?? undefined;
  } while (cursor !== undefined && resolved.size < wanted.size);
  return resolved;
}

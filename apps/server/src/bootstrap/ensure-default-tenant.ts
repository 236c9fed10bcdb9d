import type { Store } from "../store/store.js";
import type { Tenant, Workspace } from "../store/store-types.js";

/**
 * The tenant and workspace an embedded install works in: the first ones, created on first use.
 * (Multi-tenant installs create more through the control plane; the CLI acts on the first.)
 */
export async function ensureDefaultTenant(store: Store): Promise<{ tenant: Tenant; workspace: Workspace }> {
  const tenant = (await store.tenants.list())[0] ?? (await store.tenants.create({ name: "default" }));
  const workspace =
    (await store.workspaces.list(tenant.id))[0] ??
    (await store.workspaces.create({ tenantId: tenant.id, name: "default" }));
  return { tenant, workspace };
}

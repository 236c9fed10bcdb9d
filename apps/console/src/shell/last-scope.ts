/** The tenant and the workspace per tenant last used in this browser, so the console reopens there. */
const TENANT_KEY = "gatehouse.lastTenant";
const workspaceKey = (tenantId: string) => `gatehouse.lastWorkspace.${tenantId}`;

export const lastScope = {
  tenant: (): string | undefined => localStorage.getItem(TENANT_KEY) ?? undefined,
  setTenant: (tenantId: string) => localStorage.setItem(TENANT_KEY, tenantId),
  workspace: (tenantId: string): string | undefined =>
    localStorage.getItem(workspaceKey(tenantId)) ?? undefined,
  setWorkspace: (tenantId: string, workspaceId: string) =>
    localStorage.setItem(workspaceKey(tenantId), workspaceId),
};

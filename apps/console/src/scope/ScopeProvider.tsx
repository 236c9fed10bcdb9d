import { Center, Loader } from "@mantine/core";
import { useQuery } from "@tanstack/react-query";
import { type ReactNode, useCallback, useEffect, useMemo, useState } from "react";
import { useApi } from "../api/api-context";
import { lastScope } from "../shell/last-scope";
import { ErrorAlert } from "../ui/ErrorAlert";
import { type Scope, ScopeContext } from "./scope-context";

/**
 * Loads the tenant (with the caller's permissions) and its workspaces, and keeps the chosen workspace
 * (remembered per tenant in this browser). A tenant the user does not belong to answers 404: shown in
 * place, like any other error.
 */
export function ScopeProvider({ tenantId, children }: { tenantId: string; children: ReactNode }) {
  const { client } = useApi();
  const tenant = useQuery({
    queryKey: ["tenants.get", tenantId],
    queryFn: () => client.tenants.get({ params: { tenantId } }),
  });
  const workspaces = useQuery({
    queryKey: ["workspaces.list", tenantId, "switcher"],
    queryFn: () => client.workspaces.list({ params: { tenantId }, query: { limit: 200, order: "asc" } }),
    enabled: tenant.isSuccess,
  });
  const [chosen, setChosen] = useState(() => lastScope.workspace(tenantId));
  useEffect(() => {
    lastScope.setTenant(tenantId);
    setChosen(lastScope.workspace(tenantId));
  }, [tenantId]);
  const setWorkspace = useCallback(
    (id: string) => {
      lastScope.setWorkspace(tenantId, id);
      setChosen(id);
    },
    [tenantId],
  );

  const scope = useMemo((): Scope | undefined => {
    if (!tenant.data || !workspaces.data) return undefined;
    const list = workspaces.data.items.map((w) => ({
      id: w.id,
      name: w.name,
      allowedModels: w.allowedModels,
    }));
    const workspace = list.find((w) => w.id === chosen) ?? list[0];
    const tenantWide = new Set(tenant.data.permissions ?? []);
    const perWorkspace = tenant.data.workspacePermissions ?? {};
    const can = (permission: string, workspaceId?: string) => {
      if (tenantWide.has(permission)) return true;
      const id = workspaceId === "current" ? workspace?.id : workspaceId;
      return id !== undefined && (perWorkspace[id]?.includes(permission) ?? false);
    };
    const canSomewhere = (permission: string) =>
      tenantWide.has(permission) || Object.values(perWorkspace).some((p) => p.includes(permission));
    return {
      tenantId,
      tenantName: tenant.data.name,
      role: tenant.data.role,
      workspaces: list,
      workspace,
      setWorkspace,
      can,
      canSomewhere,
    };
  }, [tenant.data, workspaces.data, chosen, tenantId, setWorkspace]);

  const error = tenant.error ?? workspaces.error;
  if (error) return <ErrorAlert error={error} m="xl" />;
  if (!scope)
    return (
      <Center mih="60vh">
        <Loader aria-label="Loading the tenant" />
      </Center>
    );
  return <ScopeContext.Provider value={scope}>{children}</ScopeContext.Provider>;
}

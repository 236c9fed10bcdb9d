import type { OperationOutput } from "@gatehouse/sdk";
import { useQuery } from "@tanstack/react-query";
import { useApi } from "../../api/api-context";
import { useScope } from "../../scope/scope-context";

export type DeploymentHealth = OperationOutput<"deployments.tenantHealth">["deployments"][number];

/** How often the live health refreshes while a page showing it is open. */
export const HEALTH_REFRESH_MS = 3_000;

/**
 * The live health of the tenant's deployments (breaker, error rate, latency, in flight), refreshed every
 * few seconds while the page is open (and not while the tab is hidden: TanStack's default).
 */
export function useDeploymentHealth() {
  const { client } = useApi();
  const { tenantId, can } = useScope();
  const query = useQuery({
    queryKey: ["deployments.tenantHealth", tenantId],
    queryFn: () => client.deployments.tenantHealth({ params: { tenantId } }),
    enabled: can("deployments:read"),
    refetchInterval: HEALTH_REFRESH_MS,
  });
  const byId = new Map((query.data?.deployments ?? []).map((d) => [d.deploymentId, d]));
  return { query, byId, allowed: can("deployments:read") };
}

import { useQuery } from "@tanstack/react-query";
import { useApi } from "../../api/api-context";
import { useScope } from "../../scope/scope-context";

/**
 * The tenant's providers (the first 200, oldest first), for naming a deployment's provider and picking
 * one; only fetched for who may read them.
 */
export function useProviders() {
  const { client } = useApi();
  const { tenantId, can } = useScope();
  const query = useQuery({
    queryKey: ["providers.list", tenantId, { limit: 200, order: "asc" }],
    queryFn: () => client.providers.list({ params: { tenantId }, query: { limit: 200, order: "asc" } }),
    enabled: can("providers:read"),
    staleTime: 30_000,
  });
  const providers = query.data?.items ?? [];
  const nameOf = (id: string) => providers.find((p) => p.id === id)?.name ?? id;
  const disabled = (id: string) => providers.find((p) => p.id === id)?.disabled ?? false;
  return { providers, nameOf, disabled, query };
}

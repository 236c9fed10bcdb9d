import { useQuery } from "@tanstack/react-query";
import { useMemo } from "react";
import { useApi } from "../../api/api-context";
import { useScope } from "../../scope/scope-context";

/** Display names of the log's ids: keys and providers (first 200 each), when the user may read them. */
export function useLogNames() {
  const { client } = useApi();
  const { tenantId, canSomewhere } = useScope();
  const keys = useQuery({
    queryKey: ["keys.list", tenantId, { limit: 200 }],
    queryFn: () => client.keys.list({ params: { tenantId }, query: { limit: 200 } }),
    enabled: canSomewhere("keys:read"),
    staleTime: 60_000,
  });
  const providers = useQuery({
    queryKey: ["providers.list", tenantId, { limit: 200 }],
    queryFn: () => client.providers.list({ params: { tenantId }, query: { limit: 200 } }),
    enabled: canSomewhere("providers:read"),
    staleTime: 60_000,
  });
  return useMemo(
    () => ({
      keyNames: new Map((keys.data?.items ?? []).map((k) => [k.id, k.name])),
      providerNames: new Map((providers.data?.items ?? []).map((p) => [p.id, p.name])),
    }),
    [keys.data, providers.data],
  );
}

export type LogNames = ReturnType<typeof useLogNames>;

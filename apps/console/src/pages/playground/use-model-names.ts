import { useQuery } from "@tanstack/react-query";

/**
 * The models the playground key may call, from the gateway's own GET /v1/models (the tenant's catalog
 * filtered by the key's and the workspace's allow-lists). Names behind a wildcard route (`openai/*`) are
 * not listed; the model box accepts any name.
 */
export function useModelNames(
  origin: string,
  tenantId: string,
  workspaceId: string | undefined,
  key: { get(): Promise<string> },
  enabled: boolean,
) {
  return useQuery({
    queryKey: ["playground.models", tenantId, workspaceId],
    enabled: enabled && workspaceId !== undefined,
    staleTime: 60_000,
    queryFn: async () => {
      const res = await fetch(`${origin}/v1/models`, {
        headers: { authorization: `Bearer ${await key.get()}` },
      });
      if (!res.ok) throw new Error(`The model list answered HTTP ${res.status}.`);
      const body = (await res.json()) as { data?: { id: string }[] };
      return (body.data ?? []).map((m) => m.id).sort();
    },
  });
}

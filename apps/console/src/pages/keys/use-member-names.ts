import { useQuery } from "@tanstack/react-query";
import { useApi } from "../../api/api-context";
import { useScope } from "../../scope/scope-context";

/**
 * The display name of a key's owner, from the tenant's first 200 members (for who may read members);
 * falls back to the user id, or "service account" for a key without a user.
 */
export function useMemberNames() {
  const { client } = useApi();
  const scope = useScope();
  const members = useQuery({
    queryKey: ["members.list", scope.tenantId, "names"],
    queryFn: () =>
      client.members.list({ params: { tenantId: scope.tenantId }, query: { limit: 200, order: "asc" } }),
    enabled: scope.canSomewhere("members:read"),
    staleTime: 60_000,
  });
  const names = new Map((members.data?.items ?? []).map((m) => [m.userId, m.name]));
  return (userId: string | null) => (userId === null ? "service account" : (names.get(userId) ?? userId));
}

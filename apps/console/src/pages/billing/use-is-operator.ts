import { GatehouseApiError } from "@gatehouse/sdk";
import { useQuery } from "@tanstack/react-query";
import { useApi } from "../../api/api-context";

/**
 * Whether the signed-in user is the installation's operator (billing:manage in its first tenant), which
 * only the server knows: it asks an operator-only list for one item, and a 403 means "not the operator".
 * Operator controls are shown only then; the server checks every call anyway.
 */
export function useIsOperator(): boolean {
  const { client } = useApi();
  const probe = useQuery({
    queryKey: ["billing.listCodes", "operator-probe"],
    queryFn: async () => {
      try {
        await client.billing.listCodes({ query: { limit: 1 } });
        return true;
      } catch (e) {
        if (e instanceof GatehouseApiError && e.status === 403) return false;
        throw e;
      }
    },
    // The operator is per installation, not per tenant: one probe serves every tenant page.
    staleTime: 5 * 60_000,
    retry: false,
  });
  return probe.data === true;
}

import { useQuery } from "@tanstack/react-query";
import { useCallback } from "react";
import { useApi } from "../../api/api-context";
import { useScope } from "../../scope/scope-context";
import type { ApiKey } from "./key-types";

/**
 * Who may change a key: keys:manage in its workspace changes any key there; keys:create changes the
 * caller's own keys. Hides what the server would refuse (it still decides).
 */
export function useKeyAccess() {
  const { client } = useApi();
  const scope = useScope();
  const me = useQuery({ queryKey: ["auth.me"], queryFn: () => client.auth.me() });
  const meId = me.data?.user.id;
  const canWrite = useCallback(
    (key: Pick<ApiKey, "workspaceId" | "userId">) =>
      scope.can("keys:manage", key.workspaceId) ||
      (key.userId !== null && key.userId === meId && scope.can("keys:create", key.workspaceId)),
    [scope, meId],
  );
  return { meId, canWrite };
}

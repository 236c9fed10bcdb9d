import { useInfiniteQuery } from "@tanstack/react-query";
import { useApi } from "../../api/api-context";

/** Conversations per page of the sidebar. */
const PAGE = 30;

/**
 * One section of the sidebar (pinned or not, archived or not, matching `q`), newest activity first,
 * a page at a time ("Load more" follows the API's keyset cursor).
 */
export function useConversationList(
  tenantId: string,
  workspaceId: string,
  filter: { q: string; pinned: boolean; archived: boolean },
) {
  const { client } = useApi();
  const q = filter.q.trim();
  return useInfiniteQuery({
    queryKey: ["conversations.list", tenantId, workspaceId, { ...filter, q }],
    initialPageParam: undefined as string | undefined,
    queryFn: ({ pageParam }) =>
      client.conversations.list({
        params: { tenantId, workspaceId },
        query: {
          limit: PAGE,
          pinned: filter.pinned ? "true" : "false",
          archived: filter.archived ? "true" : "false",
          ...(q === "" ? {} : { q }),
          ...(pageParam ? { cursor: pageParam } : {}),
        },
      }),
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
}

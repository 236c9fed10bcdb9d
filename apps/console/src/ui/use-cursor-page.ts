import { useCallback, useState } from "react";
import { useSearchParams } from "react-router";

/**
 * Cursor pagination with the current page's cursor in the URL (`?cursor=`, so a page is a link) and
 * the cursors of the pages before it in memory (for "Previous"). Filters changed through `useUrlState`
 * drop the cursor, which starts again at the first page.
 */
export function useCursorPage() {
  const [params, setParams] = useSearchParams();
  const cursor = params.get("cursor") ?? undefined;
  const [history, setHistory] = useState<Array<string | undefined>>([]);
  const go = useCallback(
    (target: string | undefined) =>
      setParams((prev) => {
        const next = new URLSearchParams(prev);
        if (target === undefined) next.delete("cursor");
        else next.set("cursor", target);
        return next;
      }),
    [setParams],
  );
  const next = useCallback(
    (nextCursor: string) => {
      setHistory((h) => [...h, cursor]);
      go(nextCursor);
    },
    [cursor, go],
  );
  const previous = useCallback(() => {
    setHistory((h) => {
      go(h[h.length - 1]);
      return h.slice(0, -1);
    });
  }, [go]);
  const first = useCallback(() => {
    setHistory([]);
    go(undefined);
  }, [go]);
  return {
    cursor,
    next,
    previous,
    first,
    hasPrevious: history.length > 0 || cursor !== undefined,
    pageNumber: history.length + 1,
  };
}

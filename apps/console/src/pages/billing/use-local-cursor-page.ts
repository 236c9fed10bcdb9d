import { useCallback, useState } from "react";
import type { useCursorPage } from "../../ui/use-cursor-page";

/**
 * Cursor pagination kept in the component (not the URL), for a second list on a page whose main list
 * owns `?cursor=`; the same shape as `useCursorPage`, so `CursorPager` drives it.
 */
export function useLocalCursorPage(): ReturnType<typeof useCursorPage> {
  const [stack, setStack] = useState<Array<string | undefined>>([]);
  const [cursor, setCursor] = useState<string | undefined>();
  const next = useCallback(
    (nextCursor: string) => {
      setStack((s) => [...s, cursor]);
      setCursor(nextCursor);
    },
    [cursor],
  );
  const previous = useCallback(() => {
    setStack((s) => {
      setCursor(s[s.length - 1]);
      return s.slice(0, -1);
    });
  }, []);
  const first = useCallback(() => {
    setStack([]);
    setCursor(undefined);
  }, []);
  return { cursor, next, previous, first, hasPrevious: stack.length > 0, pageNumber: stack.length + 1 };
}

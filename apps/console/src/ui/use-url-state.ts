import { useCallback } from "react";
import { useSearchParams } from "react-router";

/**
 * Filters kept in the URL's query string, so a filtered view is a link one can share or bookmark.
 * `set` replaces the given keys (empty or undefined removes a key) and drops the page cursor, since a
 * new filter starts at the first page.
 *
 * @example
 * const [filters, setFilters] = useUrlState(["model", "status"]);
 * setFilters({ status: "error" });
 */
export function useUrlState<K extends string>(
  keys: readonly K[],
): [Record<K, string | undefined>, (changes: Partial<Record<K | "cursor", string | undefined>>) => void] {
  const [params, setParams] = useSearchParams();
  const values = Object.fromEntries(keys.map((k) => [k, params.get(k) ?? undefined])) as Record<
    K,
    string | undefined
  >;
  const set = useCallback(
    (changes: Partial<Record<K | "cursor", string | undefined>>) => {
      setParams(
        (prev) => {
          const next = new URLSearchParams(prev);
          if (!("cursor" in changes)) next.delete("cursor");
          for (const [k, v] of Object.entries(changes)) {
            if (v === undefined || v === "") next.delete(k);
            else next.set(k, v as string);
          }
          return next;
        },
        { replace: true },
      );
    },
    [setParams],
  );
  return [values, set];
}

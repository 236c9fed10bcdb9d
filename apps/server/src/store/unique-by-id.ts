/**
 * The items with a duplicate id dropped, the first occurrence kept. Batches are deduplicated before they
 * are written so a batch means the same on every dialect ("the first final of an id wins").
 *
 * @example
 * uniqueById([{ id: "a", n: 1 }, { id: "a", n: 2 }]); // [{ id: "a", n: 1 }]
 */
export function uniqueById<T extends { id: string }>(items: readonly T[]): T[] {
  const seen = new Set<string>();
  return items.filter((item) => {
    if (seen.has(item.id)) return false;
    seen.add(item.id);
    return true;
  });
}

import { z } from "zod";

/**
 * Query fields every list operation accepts: `limit` (1–200, default 50), an opaque `cursor` from the
 * previous page's `nextCursor`, and `order` by creation time (newest first by default).
 */
export const PageQuery = {
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().max(200).optional(),
  order: z.enum(["asc", "desc"]).default("desc"),
};

/** A page of `item`: the items and the cursor of the next page (null on the last page). */
export function pageOf<T extends z.ZodType>(item: T) {
  return z.object({ items: z.array(item), nextCursor: z.string().nullable() });
}

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

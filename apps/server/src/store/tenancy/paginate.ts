import { GatewayError } from "@gatehouse/protocol";
import { type SelectQueryBuilder, sql } from "kysely";
import type { Page, PageRequest } from "../tenancy-types.js";

/** Page sizes are clamped to 1–200: no listing ever reads an unbounded set (DESIGN.md, control plane). */
const MAX_LIMIT = 200;
const BASE64URL = /^[A-Za-z0-9_-]+$/;

/** The keyset a listing is ordered by: its time column and its unique id column (qualified when joined). */
export interface KeysetColumns {
  at: string;
  id: string;
}

/**
 * One page of `query` in keyset order (time, then id), ascending or descending. The cursor is the
 * base64url JSON `[time, id]` of the page's last row; the next page starts strictly after it, so rows
 * inserted meanwhile never shift a page. Fetches one row more than the limit to know whether a next page
 * exists. A malformed cursor throws `invalid_request`.
 *
 * @example
 * const page = await paginate(db.selectFrom("roles").selectAll().where("tenant_id", "=", t),
 *   { limit: 50, order: "asc" }, { at: "created_at", id: "id" }, toCustomRole, (r) => [r.created_at, r.id]);
 */
export async function paginate<QDB, TB extends keyof QDB, O, T>(
  query: SelectQueryBuilder<QDB, TB, O>,
  page: PageRequest,
  columns: KeysetColumns,
  toItem: (row: O) => T,
  keyOf: (row: O) => readonly [number, string],
): Promise<Page<T>> {
  const limit = Math.min(MAX_LIMIT, Math.max(1, Math.floor(page.limit) || 1));
  const direction = page.order === "desc" ? "desc" : "asc";
  const at = sql.ref(columns.at);
  const id = sql.ref(columns.id);
  let q = query;
  if (page.cursor !== undefined && page.cursor !== "") {
    const [cAt, cId] = decodeCursor(page.cursor);
    const past = sql.raw(direction === "desc" ? "<" : ">");
    q = q.where(sql<boolean>`(${at} ${past} ${cAt} or (${at} = ${cAt} and ${id} ${past} ${cId}))`);
  }
  const rows = await q
    .orderBy(at, direction)
    .orderBy(id, direction)
    .limit(limit + 1)
    .execute();
  const more = rows.length > limit;
  const kept = more ? rows.slice(0, limit) : rows;
  const last = kept.at(-1);
  return {
    items: kept.map(toItem),
    nextCursor: more && last !== undefined ? encodeCursor(keyOf(last)) : null,
  };
}

/**
 * The cursor of a row: base64url of JSON `[time, id]`.
 *
 * @example
 * encodeCursor([1700000000000, "ws_abc"]); // "WzE3MDAwMDAwMDAwMDAsIndzX2FiYyJd"
 */
export function encodeCursor([at, id]: readonly [number, string]): string {
  return Buffer.from(JSON.stringify([Number(at), id])).toString("base64url");
}

/**
 * The `[time, id]` of a cursor; `invalid_request` for anything {@link encodeCursor} did not make.
 *
 * @example
 * const [at, id] = decodeCursor(page.cursor);
 */
export function decodeCursor(cursor: string): [number, string] {
  let value: unknown;
  try {
    if (!BASE64URL.test(cursor)) throw new Error("not base64url");
    value = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8"));
  } catch {
    throw new GatewayError("invalid_request", "Invalid cursor.");
  }
  if (
    !Array.isArray(value) ||
    value.length !== 2 ||
    !Number.isSafeInteger(value[0]) ||
    typeof value[1] !== "string"
  ) {
    throw new GatewayError("invalid_request", "Invalid cursor.");
  }
  return [value[0] as number, value[1] as string];
}

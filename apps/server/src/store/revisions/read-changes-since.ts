import type { Kysely } from "kysely";
import type { DB } from "../database.js";
import { readSequence } from "./bump-scope.js";
import {
  ALL_TENANTS,
  CHANGE_KINDS,
  type ChangeKind,
  type ChangesSince,
  type ScopedChange,
} from "./change-scope.js";

/**
 * The scopes changed after sequence `since`, up to the sequence read first: a bump that commits while
 * this runs has a higher sequence and is seen by the next call. One indexed range read on
 * `config_revisions.seq`.
 *
 * @example
 * const { sequence, changes } = await readChangesSince(db, last);
 */
export async function readChangesSince(db: Kysely<DB>, since: number): Promise<ChangesSince> {
  const sequence = await readSequence(db);
  if (sequence <= since) return { sequence, changes: [], everything: false };
  const rows = await db
    .selectFrom("config_revisions")
    .select(["tenant_id", "kind", "seq"])
    .where("seq", ">", since)
    .where("seq", "<=", sequence)
    .orderBy("seq")
    .execute();
  const changes: ScopedChange[] = [];
  let everything = false;
  for (const row of rows) {
    if (row.tenant_id === ALL_TENANTS) everything = true;
    else if (CHANGE_KINDS.includes(row.kind as ChangeKind)) {
      changes.push({ tenantId: row.tenant_id, kind: row.kind as ChangeKind, seq: Number(row.seq) });
    }
  }
  return { sequence, changes, everything };
}

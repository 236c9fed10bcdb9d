import type { Kysely } from "kysely";
import type { DB } from "./database.js";
import { inTransaction } from "./in-transaction.js";
import { bumpScope } from "./revisions/bump-scope.js";

/**
 * Deletes one tenant-owned configuration row (its deployments go by ON DELETE CASCADE) and bumps the
 * scope's revision (credentials for a provider, catalog otherwise) in the same transaction; false, with no bump, when nothing matched.
 *
 * @example
 * const removed = await removeAndBump(db, "models", tenantId, modelId);
 */
export async function removeAndBump(
  db: Kysely<DB>,
  table: "providers" | "models" | "deployments",
  tenantId: string,
  id: string,
): Promise<boolean> {
  return inTransaction(db, async (trx) => {
    const result = await trx
      .deleteFrom(table)
      .where("tenant_id", "=", tenantId)
      .where("id", "=", id)
      .executeTakeFirst();
    const changed = result.numDeletedRows > 0n;
    if (changed) await bumpScope(trx, tenantId, table === "providers" ? "credentials" : "catalog");
    return changed;
  });
}

import type { Kysely } from "kysely";
import type { DB } from "../database.js";
import { inTransaction } from "../in-transaction.js";
import { newId } from "../new-id.js";
import type { RepoContext } from "../repo-context.js";
import { bumpScope } from "../revisions/bump-scope.js";
import { toNullableJson, toWorkspace } from "../row-mappers.js";
import type { TenantStore } from "../tenancy-types.js";
import { translateConstraintError } from "../translate-constraint-error.js";
import { paginate } from "./paginate.js";

/**
 * A tenant's workspaces. Creating, changing and removing one bumps the configuration revision: a
 * workspace's allowed models are part of every key's grant. Removing one removes its keys, members,
 * service accounts and invitations (ON DELETE CASCADE; SQLite enforces it with `foreign_keys = ON`).
 *
 * @example
 * const ws = await createTenantWorkspacesRepo(ctx, tenantId).create({ name: "ml", allowedModels: null });
 */
export function createTenantWorkspacesRepo(
  { db, now }: RepoContext,
  tenantId: string,
): TenantStore["workspaces"] {
  const scoped = (q: Kysely<DB> = db) =>
    q.selectFrom("workspaces").selectAll().where("tenant_id", "=", tenantId);
  const get = async (id: string) => {
    const row = await scoped().where("id", "=", id).executeTakeFirst();
    return row && toWorkspace(row);
  };
  return {
    async create({ name, allowedModels }) {
      const row = {
        id: newId("ws"),
        tenant_id: tenantId,
        name,
        created_at: now(),
        allowed_models: toNullableJson(allowedModels),
      };
      try {
        await inTransaction(db, async (trx) => {
          await trx.insertInto("workspaces").values(row).execute();
          await bumpScope(trx, tenantId, "permissions");
        });
      } catch (error) {
        throw translateConstraintError(error, "The workspace already exists.");
      }
      return toWorkspace(row);
    },
    get,
    async list(page, filter) {
      if (filter?.ids !== undefined && filter.ids.length === 0) return { items: [], nextCursor: null };
      let q = scoped();
      if (filter?.ids !== undefined) q = q.where("id", "in", [...filter.ids]);
      return paginate(q, page, { at: "created_at", id: "id" }, toWorkspace, (r) => [r.created_at, r.id]);
    },
    async update(id, patch) {
      const set: { name?: string; allowed_models?: string | null } = {};
      if (patch.name !== undefined) set.name = patch.name;
      if (patch.allowedModels !== undefined) set.allowed_models = toNullableJson(patch.allowedModels);
      if (Object.keys(set).length === 0) return get(id);
      return inTransaction(db, async (trx) => {
        const result = await trx
          .updateTable("workspaces")
          .set(set)
          .where("tenant_id", "=", tenantId)
          .where("id", "=", id)
          .executeTakeFirst();
        if (result.numUpdatedRows === 0n) return undefined;
        // The workspace allow-list is part of every key grant in it.
        await bumpScope(trx, tenantId, "keys");
        const row = await scoped(trx).where("id", "=", id).executeTakeFirstOrThrow();
        return toWorkspace(row);
      });
    },
    async remove(id) {
      return inTransaction(db, async (trx) => {
        const result = await trx
          .deleteFrom("workspaces")
          .where("tenant_id", "=", tenantId)
          .where("id", "=", id)
          .executeTakeFirst();
        const changed = result.numDeletedRows > 0n;
        if (changed) await bumpScope(trx, tenantId, ["keys", "permissions"]);
        return changed;
      });
    },
  };
}

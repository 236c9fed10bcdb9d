import type { Kysely } from "kysely";
import type { ApiKeysTable, DB } from "../database.js";
import { inTransaction } from "../in-transaction.js";
import type { RepoContext } from "../repo-context.js";
import { bumpScope } from "../revisions/bump-scope.js";
import { toApiKey, toNullableJson } from "../row-mappers.js";
import type { TenantStore } from "../tenancy-types.js";
import { paginate } from "./paginate.js";

type KeyColumnsPatch = Partial<
  Pick<ApiKeysTable, "name" | "expires_at" | "allowed_models" | "allowed_cidrs" | "metadata">
>;

/**
 * A tenant's API keys as the control plane sees them: filtered, paginated listings and changes. Creating,
 * finding by hash and revoking stay on `store.apiKeys` (the data plane's path). Changes bump the
 * configuration revision, so every instance drops the key from its cache. A key is active when it is not
 * revoked and has no expiry or one still ahead; expired when not revoked and its expiry has passed.
 *
 * @example
 * const page = await createTenantApiKeysRepo(ctx, t).list({ limit: 50, order: "desc" }, { status: "active" });
 */
export function createTenantApiKeysRepo({ db, now }: RepoContext, tenantId: string): TenantStore["apiKeys"] {
  const scoped = (q: Kysely<DB> = db) =>
    q.selectFrom("api_keys").selectAll().where("tenant_id", "=", tenantId);
  const get = async (id: string, q: Kysely<DB> = db) => {
    const row = await scoped(q).where("id", "=", id).executeTakeFirst();
    return row && toApiKey(row);
  };
  return {
    async list(page, filter = {}) {
      if (filter.workspaceIds !== undefined && filter.workspaceIds.length === 0) {
        return { items: [], nextCursor: null };
      }
      let q = scoped();
      if (filter.workspaceId !== undefined) q = q.where("workspace_id", "=", filter.workspaceId);
      if (filter.workspaceIds !== undefined) q = q.where("workspace_id", "in", [...filter.workspaceIds]);
      if (filter.userId !== undefined) q = q.where("user_id", "=", filter.userId);
      if (filter.serviceAccountId !== undefined)
        q = q.where("service_account_id", "=", filter.serviceAccountId);
      const at = now();
      if (filter.status === "revoked") q = q.where("revoked_at", "is not", null);
      if (filter.status === "active") {
        q = q
          .where("revoked_at", "is", null)
          .where((eb) => eb.or([eb("expires_at", "is", null), eb("expires_at", ">", at)]));
      }
      if (filter.status === "expired") q = q.where("revoked_at", "is", null).where("expires_at", "<=", at);
      return paginate(q, page, { at: "created_at", id: "id" }, toApiKey, (r) => [r.created_at, r.id]);
    },
    async update(id, patch) {
      const set: KeyColumnsPatch = {};
      if (patch.name !== undefined) set.name = patch.name;
      if (patch.expiresAt !== undefined) set.expires_at = patch.expiresAt;
      if (patch.allowedModels !== undefined) set.allowed_models = toNullableJson(patch.allowedModels);
      if (patch.allowedCidrs !== undefined) set.allowed_cidrs = toNullableJson(patch.allowedCidrs);
      if (patch.metadata !== undefined) set.metadata = JSON.stringify(patch.metadata);
      if (Object.keys(set).length === 0) return get(id);
      return inTransaction(db, async (trx) => {
        const result = await trx
          .updateTable("api_keys")
          .set(set)
          .where("tenant_id", "=", tenantId)
          .where("id", "=", id)
          .executeTakeFirst();
        if (result.numUpdatedRows === 0n) return undefined;
        await bumpScope(trx, tenantId, "keys");
        return get(id, trx);
      });
    },
    async expireAt(id, at) {
      return inTransaction(db, async (trx) => {
        const key = await get(id, trx);
        const t = now();
        if (!key || key.revokedAt !== null || (key.expiresAt !== null && key.expiresAt <= t)) return false;
        // Already expiring by then: nothing to change, and no revision bump.
        if (key.expiresAt !== null && key.expiresAt <= at) return true;
        await trx
          .updateTable("api_keys")
          .set({ expires_at: at })
          .where("tenant_id", "=", tenantId)
          .where("id", "=", id)
          .execute();
        await bumpScope(trx, tenantId, "keys");
        return true;
      });
    },
  };
}

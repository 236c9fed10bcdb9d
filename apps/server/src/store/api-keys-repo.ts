import { assertInTenant, assertMember } from "./assert-in-tenant.js";
import { inTransaction } from "./in-transaction.js";
import { newId } from "./new-id.js";
import type { RepoContext } from "./repo-context.js";
import { bumpScope } from "./revisions/bump-scope.js";
import { toApiKey, toNullableJson } from "./row-mappers.js";
import type { Store } from "./store.js";
import { translateConstraintError } from "./translate-constraint-error.js";

/**
 * The API keys repository. Keys are stored as their SHA-256 only; creating and revoking one bumps the
 * configuration revision so every instance drops it from its key cache.
 *
 * @example
 * const key = await createApiKeysRepo(ctx).findByHash(sha256Hex(presentedKey));
 */
export function createApiKeysRepo({ db, now }: RepoContext): Store["apiKeys"] {
  return {
    async create(input) {
      const row = {
        id: newId("key"),
        tenant_id: input.tenantId,
        workspace_id: input.workspaceId,
        user_id: input.userId,
        name: input.name,
        key_hash: input.keyHash,
        key_prefix: input.keyPrefix,
        created_at: now(),
        expires_at: input.expiresAt,
        revoked_at: null,
        service_account_id: input.serviceAccountId ?? null,
        allowed_models: toNullableJson(input.allowedModels),
        allowed_cidrs: toNullableJson(input.allowedCidrs),
        metadata: JSON.stringify(input.metadata ?? {}),
        last_used_at: null,
      };
      try {
        await inTransaction(db, async (trx) => {
          await assertInTenant(trx, "workspaces", input.tenantId, input.workspaceId, "workspace");
          if (input.userId !== null) await assertMember(trx, input.tenantId, input.userId);
          if (row.service_account_id !== null) {
            await assertInTenant(
              trx,
              "service_accounts",
              input.tenantId,
              row.service_account_id,
              "service account",
            );
          }
          await trx.insertInto("api_keys").values(row).execute();
          await bumpScope(trx, input.tenantId, "keys");
        });
      } catch (error) {
        throw translateConstraintError(error, "An API key with this hash already exists.");
      }
      return toApiKey(row);
    },
    async findByHash(keyHash) {
      const row = await db
        .selectFrom("api_keys")
        .selectAll()
        .where("key_hash", "=", keyHash)
        .executeTakeFirst();
      return row && toApiKey(row);
    },
    async get(tenantId, id) {
      const row = await db
        .selectFrom("api_keys")
        .selectAll()
        .where("tenant_id", "=", tenantId)
        .where("id", "=", id)
        .executeTakeFirst();
      return row && toApiKey(row);
    },
    async list(tenantId) {
      const rows = await db
        .selectFrom("api_keys")
        .selectAll()
        .where("tenant_id", "=", tenantId)
        .orderBy("created_at")
        .orderBy("id")
        .execute();
      return rows.map(toApiKey);
    },
    async revoke(tenantId, id) {
      return inTransaction(db, async (trx) => {
        const result = await trx
          .updateTable("api_keys")
          .set({ revoked_at: now() })
          .where("tenant_id", "=", tenantId)
          .where("id", "=", id)
          .where("revoked_at", "is", null)
          .executeTakeFirst();
        const changed = result.numUpdatedRows > 0n;
        if (changed) await bumpScope(trx, tenantId, "keys");
        return changed;
      });
    },
    async touchLastUsed(entries) {
      // The latest time per key, in id order: two instances flushing the same keys lock rows in the same
      // order, so their transactions cannot deadlock on PostgreSQL.
      const latest = new Map<string, number>();
      for (const { id, at } of entries) latest.set(id, Math.max(at, latest.get(id) ?? at));
      if (latest.size === 0) return;
      const ordered = [...latest].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
      await inTransaction(db, async (trx) => {
        for (const [id, at] of ordered) {
          await trx
            .updateTable("api_keys")
            .set({ last_used_at: at })
            .where("id", "=", id)
            .where((eb) => eb.or([eb("last_used_at", "is", null), eb("last_used_at", "<", at)]))
            .execute();
        }
      });
    },
  };
}

import { assertInTenant } from "./assert-in-tenant.js";
import { newId } from "./new-id.js";
import type { RepoContext } from "./repo-context.js";
import { bumpRevision } from "./revision-counter.js";
import { toApiKey } from "./row-mappers.js";
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
      };
      try {
        await db.transaction().execute(async (trx) => {
          await assertInTenant(trx, "workspaces", input.tenantId, input.workspaceId, "workspace");
          if (input.userId !== null) await assertInTenant(trx, "users", input.tenantId, input.userId, "user");
          await trx.insertInto("api_keys").values(row).execute();
          await bumpRevision(trx);
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
      return db.transaction().execute(async (trx) => {
        const result = await trx
          .updateTable("api_keys")
          .set({ revoked_at: now() })
          .where("tenant_id", "=", tenantId)
          .where("id", "=", id)
          .where("revoked_at", "is", null)
          .executeTakeFirst();
        const changed = result.numUpdatedRows > 0n;
        if (changed) await bumpRevision(trx);
        return changed;
      });
    },
  };
}

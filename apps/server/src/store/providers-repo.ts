import { inTransaction } from "./in-transaction.js";
import { newId } from "./new-id.js";
import { removeAndBump } from "./remove-and-bump.js";
import type { RepoContext } from "./repo-context.js";
import { bumpScope } from "./revisions/bump-scope.js";
import { toProvider } from "./row-mappers.js";
import type { Store } from "./store.js";
import { translateConstraintError } from "./translate-constraint-error.js";

/**
 * The providers repository. Credentials arrive already sealed (AES-256-GCM, see crypto/secret-box.ts) and
 * are stored as key id + ciphertext; the store never sees a plaintext secret.
 *
 * @example
 * const openai = await createProvidersRepo(ctx).findByName(tenantId, "openai");
 */
export function createProvidersRepo({ db, now }: RepoContext): Store["providers"] {
  const scoped = (tenantId: string) =>
    db.selectFrom("providers").selectAll().where("tenant_id", "=", tenantId);
  return {
    async create(input) {
      const row = {
        id: newId("prv"),
        tenant_id: input.tenantId,
        name: input.name,
        kind: input.kind,
        base_url: input.baseUrl,
        credentials_key_id: input.credentials?.keyId ?? null,
        credentials_ciphertext: input.credentials?.ciphertext ?? null,
        config: JSON.stringify(input.config),
        created_at: now(),
      };
      try {
        await inTransaction(db, async (trx) => {
          await trx.insertInto("providers").values(row).execute();
          await bumpScope(trx, input.tenantId, "credentials");
        });
      } catch (error) {
        throw translateConstraintError(error, `A provider named '${input.name}' already exists.`);
      }
      return toProvider(row);
    },
    async get(tenantId, id) {
      const row = await scoped(tenantId).where("id", "=", id).executeTakeFirst();
      return row && toProvider(row);
    },
    async findByName(tenantId, name) {
      const row = await scoped(tenantId).where("name", "=", name).executeTakeFirst();
      return row && toProvider(row);
    },
    async list(tenantId) {
      const rows = await scoped(tenantId).orderBy("name").execute();
      return rows.map(toProvider);
    },
    async listAll() {
      const rows = await db
        .selectFrom("providers")
        .selectAll()
        .orderBy("tenant_id")
        .orderBy("name")
        .execute();
      return rows.map(toProvider);
    },
    async remove(tenantId, id) {
      return removeAndBump(db, "providers", tenantId, id);
    },
  };
}

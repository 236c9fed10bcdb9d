import { GatewayError } from "@gatehouse/protocol";
import type { ProvidersTable } from "./database.js";
import { inTransaction } from "./in-transaction.js";
import { newId } from "./new-id.js";
import { removeAndBump } from "./remove-and-bump.js";
import type { RepoContext } from "./repo-context.js";
import { bumpScope } from "./revisions/bump-scope.js";
import { toProvider } from "./row-mappers.js";
import type { Store } from "./store.js";
import type { ProviderPatch } from "./store-types.js";
import { paginate } from "./tenancy/paginate.js";
import { translateConstraintError } from "./translate-constraint-error.js";

/**
 * The providers repository. Credentials arrive already sealed (an envelope, see crypto/envelope-box.ts, or
 * the older SecretBox format) and are stored as key id + ciphertext, with the "…1234" hint next to them;
 * the store never sees a plaintext secret.
 *
 * @example
 * const openai = await createProvidersRepo(ctx).findByName(tenantId, "openai");
 */
export function createProvidersRepo({ db, now }: RepoContext): Store["providers"] {
  const scoped = (tenantId: string) =>
    db.selectFrom("providers").selectAll().where("tenant_id", "=", tenantId);
  return {
    async create(input) {
      const row: ProvidersTable = {
        id: input.id ?? newId("prv"),
        tenant_id: input.tenantId,
        name: input.name,
        kind: input.kind,
        base_url: input.baseUrl,
        credentials_key_id: input.credentials?.keyId ?? null,
        credentials_ciphertext: input.credentials?.ciphertext ?? null,
        credentials_last_four: input.credentials ? (input.credentialsLastFour ?? null) : null,
        origin: input.origin ?? "platform",
        config: JSON.stringify(input.config),
        created_at: now(),
        disabled: input.disabled ? 1 : 0,
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
    listPage(tenantId, page) {
      return paginate(scoped(tenantId), page, { at: "created_at", id: "id" }, toProvider, (r) => [
        Number(r.created_at),
        r.id,
      ]);
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
    async update(tenantId, id, patch) {
      const changes = columnsOf(patch);
      try {
        return await inTransaction(db, async (trx) => {
          if (Object.keys(changes).length > 0) {
            const result = await trx
              .updateTable("providers")
              .set(changes)
              .where("tenant_id", "=", tenantId)
              .where("id", "=", id)
              .executeTakeFirst();
            if (result.numUpdatedRows === 0n) return undefined;
            await bumpScope(trx, tenantId, "credentials");
          }
          const row = await trx
            .selectFrom("providers")
            .selectAll()
            .where("tenant_id", "=", tenantId)
            .where("id", "=", id)
            .executeTakeFirst();
          return row && toProvider(row);
        });
      } catch (error) {
        throw translateConstraintError(error, `A provider named '${patch.name}' already exists.`);
      }
    },
    async remove(tenantId, id) {
      return removeAndBump(db, "providers", tenantId, id);
    },
    async listSealed(afterId, limit) {
      if (!Number.isInteger(limit) || limit < 1) {
        throw new GatewayError("invalid_request", "A batch size is a positive integer.");
      }
      const rows = await db
        .selectFrom("providers")
        .select(["id", "tenant_id", "credentials_key_id", "credentials_ciphertext", "credentials_last_four"])
        .where("id", ">", afterId)
        .where("credentials_key_id", "is not", null)
        .where("credentials_ciphertext", "is not", null)
        .orderBy("id")
        .limit(limit)
        .execute();
      return rows.map((r) => ({
        id: r.id,
        tenantId: r.tenant_id,
        credentials: { keyId: r.credentials_key_id ?? "", ciphertext: r.credentials_ciphertext ?? "" },
        credentialsLastFour: r.credentials_last_four,
      }));
    },
    async reseal(id, expected, next, lastFour) {
      const result = await db
        .updateTable("providers")
        .set({
          credentials_key_id: next.keyId,
          credentials_ciphertext: next.ciphertext,
          credentials_last_four: lastFour,
        })
        .where("id", "=", id)
        .where("credentials_key_id", "=", expected.keyId)
        .where("credentials_ciphertext", "=", expected.ciphertext)
        .executeTakeFirst();
      return result.numUpdatedRows > 0n;
    },
  };
}

function columnsOf(patch: ProviderPatch): Partial<ProvidersTable> {
  const out: Partial<ProvidersTable> = {};
  if (patch.name !== undefined) out.name = patch.name;
  if (patch.baseUrl !== undefined) out.base_url = patch.baseUrl;
  if (patch.config !== undefined) out.config = JSON.stringify(patch.config);
  if (patch.origin !== undefined) out.origin = patch.origin;
  if (patch.disabled !== undefined) out.disabled = patch.disabled ? 1 : 0;
  if (patch.credentials !== undefined) {
    out.credentials_key_id = patch.credentials?.sealed.keyId ?? null;
    out.credentials_ciphertext = patch.credentials?.sealed.ciphertext ?? null;
    out.credentials_last_four = patch.credentials?.lastFour ?? null;
  }
  return out;
}

import type { SealedSecret } from "../../domain/sealed-secret.js";
import type { SsoConfigsTable } from "../database.js";
import type { RepoContext } from "../repo-context.js";
import { translateConstraintError } from "../translate-constraint-error.js";
import type { SsoConfigRecord, TenantSsoRepo } from "./sso-types.js";

/**
 * One tenant's OpenID Connect settings: at most one row, keyed by the tenant. `put` is an upsert, so two
 * admins saving at once leave one of their versions whole, never a mix.
 *
 * @example
 * await createSsoConfigsRepo(ctx, tenantId).put({ issuer, clientId, clientSecretSealed, ... });
 */
export function createSsoConfigsRepo({ db, now }: RepoContext, tenantId: string): TenantSsoRepo {
  const get = async () => {
    const row = await db
      .selectFrom("sso_configs")
      .selectAll()
      .where("tenant_id", "=", tenantId)
      .executeTakeFirst();
    return row && toSsoConfig(row);
  };
  return {
    get,
    async put(input) {
      const at = now();
      const values = {
        issuer: input.issuer,
        client_id: input.clientId,
        client_secret_sealed: JSON.stringify(input.clientSecretSealed),
        client_secret_last_four: input.clientSecretLastFour,
        extra_scopes: JSON.stringify(input.extraScopes),
        mapping: JSON.stringify(input.mapping),
        allowed_domains: JSON.stringify(input.allowedDomains),
        jit_provisioning: input.jitProvisioning ? 1 : 0,
        enabled: input.enabled ? 1 : 0,
        updated_at: at,
      };
      try {
        await db
          .insertInto("sso_configs")
          .values({ ...values, tenant_id: tenantId, created_at: at })
          .onConflict((oc) => oc.column("tenant_id").doUpdateSet(values))
          .execute();
      } catch (error) {
        throw translateConstraintError(error, "Single sign-on is already configured.");
      }
      const saved = await get();
      if (saved === undefined) throw new Error("The single sign-on settings just saved are missing.");
      return saved;
    },
    async remove() {
      const result = await db.deleteFrom("sso_configs").where("tenant_id", "=", tenantId).executeTakeFirst();
      return Number(result.numDeletedRows) > 0;
    },
  };
}

function toSsoConfig(row: SsoConfigsTable): SsoConfigRecord {
  return {
    tenantId: row.tenant_id,
    issuer: row.issuer,
    clientId: row.client_id,
    clientSecretSealed: JSON.parse(row.client_secret_sealed) as SealedSecret,
    clientSecretLastFour: row.client_secret_last_four,
    extraScopes: JSON.parse(row.extra_scopes) as string[],
    mapping: JSON.parse(row.mapping) as unknown,
    allowedDomains: JSON.parse(row.allowed_domains) as string[],
    jitProvisioning: Number(row.jit_provisioning) === 1,
    enabled: Number(row.enabled) === 1,
    createdAt: Number(row.created_at),
    updatedAt: Number(row.updated_at),
  };
}

import type { SealedSecret } from "../../domain/sealed-secret.js";
import { newId } from "../new-id.js";
import type { RepoContext } from "../repo-context.js";
import { translateConstraintError } from "../translate-constraint-error.js";
import type { SsoLoginsRepo, TenantSsoLoginsRepo } from "./sso-types.js";

/**
 * Starts logins in a tenant: the state is stored as its SHA-256 only (whoever reads the table cannot
 * finish a login), and the tenant's expired logins are swept as a new one starts, so the table holds
 * only the last few minutes of logins; `countLive` lets the caller bound even those.
 *
 * @example
 * await createTenantSsoLoginsRepo(ctx, tenantId).create({ stateHash, secretsSealed, redirectPath, expiresAt });
 */
export function createTenantSsoLoginsRepo({ db, now }: RepoContext, tenantId: string): TenantSsoLoginsRepo {
  return {
    async create({ stateHash, secretsSealed, redirectPath, expiresAt }) {
      const at = now();
      await db
        .deleteFrom("sso_login_states")
        .where("tenant_id", "=", tenantId)
        .where("expires_at", "<=", at)
        .execute();
      try {
        await db
          .insertInto("sso_login_states")
          .values({
            id: newId("sso"),
            tenant_id: tenantId,
            state_hash: stateHash,
            secrets_sealed: JSON.stringify(secretsSealed),
            redirect_path: redirectPath,
            created_at: at,
            expires_at: expiresAt,
            used_at: null,
          })
          .execute();
      } catch (error) {
        throw translateConstraintError(error, "A login with this state already exists.");
      }
    },
    async countLive() {
      const row = await db
        .selectFrom("sso_login_states")
        .select((eb) => eb.fn.countAll().as("n"))
        .where("tenant_id", "=", tenantId)
        .where("expires_at", ">", now())
        .executeTakeFirst();
      return Number(row?.n ?? 0);
    },
  };
}

/**
 * Finishes logins from any instance: `consume` is one conditional UPDATE returning the row only to the
 * caller whose update matched, so a state works once even when a callback is replayed at the same instant.
 *
 * @example
 * const login = await createSsoLoginsRepo(ctx).consume(sha256Hex(state));
 */
export function createSsoLoginsRepo({ db, now }: RepoContext): SsoLoginsRepo {
  return {
    async consume(stateHash) {
      const at = now();
      const row = await db
        .updateTable("sso_login_states")
        .set({ used_at: at })
        .where("state_hash", "=", stateHash)
        .where("used_at", "is", null)
        .where("expires_at", ">", at)
        .returningAll()
        .executeTakeFirst();
      if (row === undefined) return undefined;
      return {
        id: row.id,
        tenantId: row.tenant_id,
        secretsSealed: JSON.parse(row.secrets_sealed) as SealedSecret,
        redirectPath: row.redirect_path,
        createdAt: Number(row.created_at),
        expiresAt: Number(row.expires_at),
      };
    },
    async sweepExpired() {
      const result = await db
        .deleteFrom("sso_login_states")
        .where("expires_at", "<=", now())
        .executeTakeFirst();
      return Number(result.numDeletedRows);
    },
  };
}

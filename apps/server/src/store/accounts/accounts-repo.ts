import { inTransaction } from "../in-transaction.js";
import type { RepoContext } from "../repo-context.js";
import { toTenant } from "../row-mappers.js";
import { createSsoLoginsRepo } from "../sso/sso-login-states-repo.js";
import { paginate } from "../tenancy/paginate.js";
import type { AccountsStore } from "../tenancy-types.js";
import { createOneTimeTokensRepo } from "./one-time-tokens-repo.js";
import { createPendingInvitationsRepo } from "./pending-invitations-repo.js";
import { createRefreshTokensRepo } from "./refresh-tokens-repo.js";

/**
 * What belongs to a person rather than to a tenant: the tenants a user is a member of, the password, the
 * verified email, sessions (ended all at once by `endSessions`), single-use tokens and the invitations
 * an invitee presents.
 *
 * @example
 * const tenants = await createAccountsStore(ctx).membershipsOf(userId);
 */
export function createAccountsStore(ctx: RepoContext): AccountsStore {
  const { db, now } = ctx;
  return {
    async membershipsOf(userId) {
      const rows = await db
        .selectFrom("memberships as m")
        .innerJoin("tenants as t", "t.id", "m.tenant_id")
        .select(["m.tenant_id", "t.name", "m.role"])
        .where("m.user_id", "=", userId)
        .orderBy("m.created_at")
        .orderBy("m.tenant_id")
        .execute();
      return rows.map((r) => ({ tenantId: r.tenant_id, tenantName: r.name, role: r.role }));
    },
    tenantsOf(userId, page) {
      const rows = db
        .selectFrom("memberships as m")
        .innerJoin("tenants as t", "t.id", "m.tenant_id")
        .select(["t.id", "t.name", "t.created_at", "m.role"])
        .where("m.user_id", "=", userId);
      return paginate(
        rows,
        page,
        { at: "t.created_at", id: "t.id" },
        (r) => ({ ...toTenant(r), role: r.role }),
        (r) => [r.created_at, r.id],
      );
    },
    async setPassword(userId, passwordHash) {
      await db.updateTable("users").set({ password_hash: passwordHash }).where("id", "=", userId).execute();
    },
    async setName(userId, name) {
      await db.updateTable("users").set({ name }).where("id", "=", userId).execute();
    },
    async markEmailVerified(userId) {
      // The first verification's time stays: verifying again changes nothing.
      await db
        .updateTable("users")
        .set({ email_verified_at: now() })
        .where("id", "=", userId)
        .where("email_verified_at", "is", null)
        .execute();
    },
    async endSessions(userId, at) {
      await inTransaction(db, async (trx) => {
        await trx.updateTable("users").set({ sessions_valid_after: at }).where("id", "=", userId).execute();
        await trx
          .updateTable("refresh_tokens")
          .set({ revoked_at: at })
          .where("user_id", "=", userId)
          .where("revoked_at", "is", null)
          .execute();
      });
    },
    refreshTokens: createRefreshTokensRepo(ctx),
    oneTimeTokens: createOneTimeTokensRepo(ctx),
    invitations: createPendingInvitationsRepo(ctx),
    ssoLogins: createSsoLoginsRepo(ctx),
  };
}

import { assertInTenant } from "../assert-in-tenant.js";
import { inTransaction } from "../in-transaction.js";
import { newId } from "../new-id.js";
import type { RepoContext } from "../repo-context.js";
import type { TenantStore } from "../tenancy-types.js";
import { translateConstraintError } from "../translate-constraint-error.js";
import { paginate } from "./paginate.js";
import { toInvitation } from "./tenancy-row-mappers.js";

/** Every column but the token's hash, which never leaves the database once written. */
const COLUMNS = [
  "id",
  "tenant_id",
  "email",
  "role",
  "workspace_id",
  "workspace_role",
  "invited_by",
  "created_at",
  "expires_at",
  "accepted_at",
  "revoked_at",
] as const;

/**
 * A tenant's invitations. The token is stored as its SHA-256 only; accepting one goes through
 * `store.accounts.invitations` (the invitee is not yet in the tenant). An invitation is pending while it is
 * neither accepted nor revoked and its expiry is ahead; expired when it was neither and its expiry passed.
 *
 * @example
 * const inv = await createInvitationsRepo(ctx, tenantId).create({ email, role: "member", workspaceId: null,
 *   workspaceRole: null, invitedBy: userId, expiresAt, tokenHash });
 */
export function createInvitationsRepo(
  { db, now }: RepoContext,
  tenantId: string,
): TenantStore["invitations"] {
  const scoped = () => db.selectFrom("invitations").select(COLUMNS).where("tenant_id", "=", tenantId);
  return {
    async create(input) {
      const row = {
        id: newId("inv"),
        tenant_id: tenantId,
        email: input.email,
        role: input.role,
        workspace_id: input.workspaceId,
        workspace_role: input.workspaceRole,
        token_hash: input.tokenHash,
        invited_by: input.invitedBy,
        created_at: now(),
        expires_at: input.expiresAt,
        accepted_at: null,
        revoked_at: null,
      };
      try {
        await inTransaction(db, async (trx) => {
          if (row.workspace_id !== null) {
            await assertInTenant(trx, "workspaces", tenantId, row.workspace_id, "workspace");
          }
          await trx.insertInto("invitations").values(row).execute();
        });
      } catch (error) {
        throw translateConstraintError(error, "An invitation with this token already exists.");
      }
      return toInvitation(row);
    },
    async get(id) {
      const row = await scoped().where("id", "=", id).executeTakeFirst();
      return row && toInvitation(row);
    },
    list(page, filter = {}) {
      let q = scoped();
      const at = now();
      if (filter.status === "accepted") q = q.where("accepted_at", "is not", null);
      if (filter.status === "revoked") q = q.where("revoked_at", "is not", null);
      if (filter.status === "pending" || filter.status === "expired") {
        q = q
          .where("accepted_at", "is", null)
          .where("revoked_at", "is", null)
          .where("expires_at", filter.status === "pending" ? ">" : "<=", at);
      }
      return paginate(q, page, { at: "created_at", id: "id" }, toInvitation, (r) => [r.created_at, r.id]);
    },
    async revoke(id) {
      const result = await db
        .updateTable("invitations")
        .set({ revoked_at: now() })
        .where("tenant_id", "=", tenantId)
        .where("id", "=", id)
        .where("accepted_at", "is", null)
        .where("revoked_at", "is", null)
        .executeTakeFirst();
      return result.numUpdatedRows > 0n;
    },
  };
}

import type { RepoContext } from "../repo-context.js";
import { toInvitation } from "../tenancy/tenancy-row-mappers.js";
import type { AccountsStore } from "../tenancy-types.js";

/**
 * Invitations as the invitee meets them: found by their token's hash in any tenant (the invitee belongs
 * to none yet), accepted once. `accept` is one conditional UPDATE answered by its row count, so two
 * acceptances racing on one invitation cannot both win, and a revoked or expired one cannot be accepted.
 *
 * @example
 * const inv = await repo.findPendingByHash(sha256Hex(token));
 * if (inv && (await repo.accept(inv.id))) { ... }
 */
export function createPendingInvitationsRepo({ db, now }: RepoContext): AccountsStore["invitations"] {
  return {
    async findPendingByHash(tokenHash) {
      const row = await db
        .selectFrom("invitations")
        .selectAll()
        .where("token_hash", "=", tokenHash)
        .where("accepted_at", "is", null)
        .where("revoked_at", "is", null)
        .where("expires_at", ">", now())
        .executeTakeFirst();
      return row && toInvitation(row);
    },
    async accept(id) {
      const at = now();
      const result = await db
        .updateTable("invitations")
        .set({ accepted_at: at })
        .where("id", "=", id)
        .where("accepted_at", "is", null)
        .where("revoked_at", "is", null)
        .where("expires_at", ">", at)
        .executeTakeFirst();
      return result.numUpdatedRows > 0n;
    },
  };
}

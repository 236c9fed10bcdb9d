import type { Kysely } from "kysely";
import { assertInTenant } from "../assert-in-tenant.js";
import type { DB } from "../database.js";
import { inTransaction } from "../in-transaction.js";
import { newId } from "../new-id.js";
import type { RepoContext } from "../repo-context.js";
import { bumpScope } from "../revisions/bump-scope.js";
import type { TenantStore } from "../tenancy-types.js";
import { paginate } from "./paginate.js";
import { toServiceAccount } from "./tenancy-row-mappers.js";

/**
 * A tenant's service accounts: non-human principals of one workspace, acting through their API keys.
 * Removing one revokes its keys first (they stay listed as revoked) and bumps the configuration revision,
 * so every instance drops those keys from its cache.
 *
 * @example
 * const sa = await createServiceAccountsRepo(ctx, tenantId).create({ workspaceId, name: "ci", role: "member" });
 */
export function createServiceAccountsRepo(
  { db, now }: RepoContext,
  tenantId: string,
): TenantStore["serviceAccounts"] {
  const scoped = (q: Kysely<DB> = db) =>
    q.selectFrom("service_accounts").selectAll().where("tenant_id", "=", tenantId);
  return {
    async create({ workspaceId, name, role }) {
      const row = {
        id: newId("sa"),
        tenant_id: tenantId,
        workspace_id: workspaceId,
        name,
        role,
        created_at: now(),
      };
      await inTransaction(db, async (trx) => {
        await assertInTenant(trx, "workspaces", tenantId, workspaceId, "workspace");
        await trx.insertInto("service_accounts").values(row).execute();
      });
      return toServiceAccount(row);
    },
    async get(id) {
      const row = await scoped().where("id", "=", id).executeTakeFirst();
      return row && toServiceAccount(row);
    },
    list(page) {
      return paginate(scoped(), page, { at: "created_at", id: "id" }, toServiceAccount, (r) => [
        r.created_at,
        r.id,
      ]);
    },
    async remove(id) {
      return inTransaction(db, async (trx) => {
        const result = await trx
          .deleteFrom("service_accounts")
          .where("tenant_id", "=", tenantId)
          .where("id", "=", id)
          .executeTakeFirst();
        if (result.numDeletedRows === 0n) return false;
        await trx
          .updateTable("api_keys")
          .set({ revoked_at: now() })
          .where("tenant_id", "=", tenantId)
          .where("service_account_id", "=", id)
          .where("revoked_at", "is", null)
          .execute();
        // Its keys were revoked with it.
        await bumpScope(trx, tenantId, ["permissions", "keys"]);
        return true;
      });
    },
  };
}

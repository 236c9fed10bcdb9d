import { GatewayError } from "@gatehouse/protocol";
import type { Kysely } from "kysely";
import { assertInTenant } from "../assert-in-tenant.js";
import type { DB } from "../database.js";
import { inTransaction } from "../in-transaction.js";
import type { RepoContext } from "../repo-context.js";
import { bumpScope } from "../revisions/bump-scope.js";
import type { TenantStore } from "../tenancy-types.js";
import { paginate } from "./paginate.js";
import { toWorkspaceMembership } from "./tenancy-row-mappers.js";

/**
 * A tenant's workspace members: a member of the tenant with a role in one workspace. Putting and removing
 * one bumps the configuration revision (the permission cache keys on it).
 *
 * @example
 * await createWorkspaceMembersRepo(ctx, tenantId).put(workspaceId, userId, "member");
 */
export function createWorkspaceMembersRepo(
  { db, now }: RepoContext,
  tenantId: string,
): TenantStore["workspaceMembers"] {
  const scoped = (workspaceId: string, q: Kysely<DB> = db) =>
    q
      .selectFrom("workspace_members as wm")
      .innerJoin("users as u", "u.id", "wm.user_id")
      .select([
        "wm.tenant_id",
        "wm.workspace_id",
        "wm.user_id",
        "wm.role",
        "wm.created_at",
        "u.email",
        "u.name",
      ])
      .where("wm.tenant_id", "=", tenantId)
      .where("wm.workspace_id", "=", workspaceId);
  return {
    async put(workspaceId, userId, role) {
      return inTransaction(db, async (trx) => {
        await assertInTenant(trx, "workspaces", tenantId, workspaceId, "workspace");
        const member = await trx
          .selectFrom("memberships")
          .select("user_id")
          .where("tenant_id", "=", tenantId)
          .where("user_id", "=", userId)
          .executeTakeFirst();
        if (!member)
          throw new GatewayError("not_found", `The user '${userId}' is not a member of the tenant.`);
        await trx
          .insertInto("workspace_members")
          .values({
            tenant_id: tenantId,
            workspace_id: workspaceId,
            user_id: userId,
            role,
            created_at: now(),
          })
          .onConflict((oc) => oc.columns(["workspace_id", "user_id"]).doUpdateSet({ role }))
          .execute();
        await bumpScope(trx, tenantId, "permissions");
        const row = await scoped(workspaceId, trx).where("wm.user_id", "=", userId).executeTakeFirstOrThrow();
        return toWorkspaceMembership(row);
      });
    },
    list(workspaceId, page) {
      return paginate(
        scoped(workspaceId),
        page,
        { at: "wm.created_at", id: "wm.user_id" },
        toWorkspaceMembership,
        (r) => [r.created_at, r.user_id],
      );
    },
    async remove(workspaceId, userId) {
      return inTransaction(db, async (trx) => {
        const result = await trx
          .deleteFrom("workspace_members")
          .where("tenant_id", "=", tenantId)
          .where("workspace_id", "=", workspaceId)
          .where("user_id", "=", userId)
          .executeTakeFirst();
        const changed = result.numDeletedRows > 0n;
        if (changed) await bumpScope(trx, tenantId, "permissions");
        return changed;
      });
    },
    async ofUser(userId) {
      const rows = await db
        .selectFrom("workspace_members")
        .select(["workspace_id", "role"])
        .where("tenant_id", "=", tenantId)
        .where("user_id", "=", userId)
        .orderBy("created_at")
        .orderBy("workspace_id")
        .execute();
      return rows.map((r) => ({ workspaceId: r.workspace_id, role: r.role }));
    },
  };
}

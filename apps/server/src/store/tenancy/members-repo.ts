import { GatewayError } from "@gatehouse/protocol";
import type { Kysely } from "kysely";
import type { DB } from "../database.js";
import { inTransaction } from "../in-transaction.js";
import type { RepoContext } from "../repo-context.js";
import { bumpScope } from "../revisions/bump-scope.js";
import type { TenantStore } from "../tenancy-types.js";
import { translateConstraintError } from "../translate-constraint-error.js";
import { paginate } from "./paginate.js";
import { toMembership } from "./tenancy-row-mappers.js";

/**
 * A tenant's members: users with a role in the tenant, joined with their account for email and name.
 * Adding, re-roling and removing a member bumps the configuration revision (the permission cache keys
 * on it); removing one also removes the user's workspace memberships in this tenant.
 *
 * @example
 * const owners = await createMembersRepo(ctx, tenantId).countWithRole("owner");
 */
export function createMembersRepo({ db, now }: RepoContext, tenantId: string): TenantStore["members"] {
  const scoped = (q: Kysely<DB> = db) =>
    q
      .selectFrom("memberships as m")
      .innerJoin("users as u", "u.id", "m.user_id")
      .select(["m.tenant_id", "m.user_id", "m.role", "m.created_at", "u.email", "u.name"])
      .where("m.tenant_id", "=", tenantId);
  const get = async (userId: string, q: Kysely<DB> = db) => {
    const row = await scoped(q).where("m.user_id", "=", userId).executeTakeFirst();
    return row && toMembership(row);
  };
  return {
    async add(userId, role) {
      try {
        return await inTransaction(db, async (trx) => {
          await trx
            .insertInto("memberships")
            .values({ tenant_id: tenantId, user_id: userId, role, created_at: now() })
            .execute();
          await bumpScope(trx, tenantId, "permissions");
          const member = await get(userId, trx);
          if (!member) throw new GatewayError("internal_error", "The membership just added is missing.");
          return member;
        });
      } catch (error) {
        throw translateConstraintError(error, `The user '${userId}' is already a member.`);
      }
    },
    get: (userId) => get(userId),
    list(page, filter = {}) {
      const rows = filter.role === undefined ? scoped() : scoped().where("m.role", "=", filter.role);
      return paginate(rows, page, { at: "m.created_at", id: "m.user_id" }, toMembership, (r) => [
        r.created_at,
        r.user_id,
      ]);
    },
    async setRole(userId, role) {
      return inTransaction(db, async (trx) => {
        const result = await trx
          .updateTable("memberships")
          .set({ role })
          .where("tenant_id", "=", tenantId)
          .where("user_id", "=", userId)
          .executeTakeFirst();
        if (result.numUpdatedRows === 0n) return undefined;
        await bumpScope(trx, tenantId, "permissions");
        return get(userId, trx);
      });
    },
    async remove(userId) {
      return inTransaction(db, async (trx) => {
        const result = await trx
          .deleteFrom("memberships")
          .where("tenant_id", "=", tenantId)
          .where("user_id", "=", userId)
          .executeTakeFirst();
        if (result.numDeletedRows === 0n) return false;
        await trx
          .deleteFrom("workspace_members")
          .where("tenant_id", "=", tenantId)
          .where("user_id", "=", userId)
          .execute();
        await bumpScope(trx, tenantId, "permissions");
        return true;
      });
    },
    async countWithRole(role) {
      const row = await db
        .selectFrom("memberships")
        .select((eb) => eb.fn.countAll<number>().as("n"))
        .where("tenant_id", "=", tenantId)
        .where("role", "=", role)
        .executeTakeFirstOrThrow();
      return Number(row.n);
    },
  };
}

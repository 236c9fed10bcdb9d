import { GatewayError } from "@gatehouse/protocol";
import type { Kysely } from "kysely";
import type { DB } from "../database.js";
import { inTransaction } from "../in-transaction.js";
import { newId } from "../new-id.js";
import type { RepoContext } from "../repo-context.js";
import { bumpScope } from "../revisions/bump-scope.js";
import type { TenantStore } from "../tenancy-types.js";
import { translateConstraintError } from "../translate-constraint-error.js";
import { paginate } from "./paginate.js";
import { toCustomRole } from "./tenancy-row-mappers.js";

/**
 * A tenant's custom roles: named sets of permissions, held by id in memberships, workspace memberships
 * and service accounts. Names are unique in the tenant whatever their case (the index on `lower(name)`).
 * Every change bumps the configuration revision (the permission cache keys on it).
 *
 * @example
 * const role = await createRolesRepo(ctx, tenantId).create({ name: "auditor", permissions: ["audit:read"] });
 */
export function createRolesRepo({ db, now }: RepoContext, tenantId: string): TenantStore["roles"] {
  const scoped = (q: Kysely<DB> = db) => q.selectFrom("roles").selectAll().where("tenant_id", "=", tenantId);
  const get = async (id: string, q: Kysely<DB> = db) => {
    const row = await scoped(q).where("id", "=", id).executeTakeFirst();
    return row && toCustomRole(row);
  };
  const nameTaken = (name: string) => `A role named '${name}' already exists.`;
  return {
    async create({ name, permissions }) {
      const row = {
        id: newId("rol"),
        tenant_id: tenantId,
        name,
        permissions: JSON.stringify(permissions),
        created_at: now(),
      };
      try {
        await inTransaction(db, async (trx) => {
          await trx.insertInto("roles").values(row).execute();
          await bumpScope(trx, tenantId, "permissions");
        });
      } catch (error) {
        throw translateConstraintError(error, nameTaken(name));
      }
      return toCustomRole(row);
    },
    get: (id) => get(id),
    list(page) {
      return paginate(scoped(), page, { at: "created_at", id: "id" }, toCustomRole, (r) => [
        r.created_at,
        r.id,
      ]);
    },
    async update(id, patch) {
      const set: { name?: string; permissions?: string } = {};
      if (patch.name !== undefined) set.name = patch.name;
      if (patch.permissions !== undefined) set.permissions = JSON.stringify(patch.permissions);
      if (Object.keys(set).length === 0) return get(id);
      try {
        return await inTransaction(db, async (trx) => {
          const result = await trx
            .updateTable("roles")
            .set(set)
            .where("tenant_id", "=", tenantId)
            .where("id", "=", id)
            .executeTakeFirst();
          if (result.numUpdatedRows === 0n) return undefined;
          await bumpScope(trx, tenantId, "permissions");
          return get(id, trx);
        });
      } catch (error) {
        throw translateConstraintError(error, nameTaken(patch.name ?? ""));
      }
    },
    async remove(id) {
      return inTransaction(db, async (trx) => {
        if (await isHeld(trx, tenantId, id)) {
          throw new GatewayError("conflict", "The role is still held by a member or a service account.");
        }
        const result = await trx
          .deleteFrom("roles")
          .where("tenant_id", "=", tenantId)
          .where("id", "=", id)
          .executeTakeFirst();
        const changed = result.numDeletedRows > 0n;
        if (changed) await bumpScope(trx, tenantId, "permissions");
        return changed;
      });
    },
  };
}

/** Whether a member, a workspace member or a service account of the tenant holds the role. */
async function isHeld(db: Kysely<DB>, tenantId: string, roleId: string): Promise<boolean> {
  for (const table of ["memberships", "workspace_members", "service_accounts"] as const) {
    const row = await db
      .selectFrom(table)
      .select("role")
      .where("tenant_id", "=", tenantId)
      .where("role", "=", roleId)
      .limit(1)
      .executeTakeFirst();
    if (row) return true;
  }
  return false;
}

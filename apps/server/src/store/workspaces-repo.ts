import { newId } from "./new-id.js";
import type { RepoContext } from "./repo-context.js";
import { toWorkspace } from "./row-mappers.js";
import type { Store } from "./store.js";
import { translateConstraintError } from "./translate-constraint-error.js";

/**
 * The workspaces repository; reads are scoped to the tenant.
 *
 * @example
 * const ws = await createWorkspacesRepo(ctx).create({ tenantId: tenant.id, name: "default" });
 */
export function createWorkspacesRepo({ db, now }: RepoContext): Store["workspaces"] {
  return {
    async create({ tenantId, name }) {
      const row = { id: newId("ws"), tenant_id: tenantId, name, created_at: now(), allowed_models: null };
      try {
        await db.insertInto("workspaces").values(row).execute();
      } catch (error) {
        throw translateConstraintError(error, "The workspace already exists.");
      }
      return toWorkspace(row);
    },
    async get(tenantId, id) {
      const row = await db
        .selectFrom("workspaces")
        .selectAll()
        .where("tenant_id", "=", tenantId)
        .where("id", "=", id)
        .executeTakeFirst();
      return row && toWorkspace(row);
    },
    async list(tenantId) {
      const rows = await db
        .selectFrom("workspaces")
        .selectAll()
        .where("tenant_id", "=", tenantId)
        .orderBy("created_at")
        .orderBy("id")
        .execute();
      return rows.map(toWorkspace);
    },
  };
}

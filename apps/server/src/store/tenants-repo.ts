import { GatewayError } from "@gatehouse/protocol";
import { newId } from "./new-id.js";
import type { RepoContext } from "./repo-context.js";
import { toTenant } from "./row-mappers.js";
import type { Store } from "./store.js";

/**
 * The tenants repository: the root of every other row.
 *
 * @example
 * const tenant = await createTenantsRepo(ctx).create({ name: "Acme" });
 */
export function createTenantsRepo({ db, now }: RepoContext): Store["tenants"] {
  return {
    async create({ name }) {
      const row = { id: newId("ten"), name, created_at: now() };
      await db.insertInto("tenants").values(row).execute();
      return toTenant(row);
    },
    async get(id) {
      const row = await db.selectFrom("tenants").selectAll().where("id", "=", id).executeTakeFirst();
      return row && toTenant(row);
    },
    async rename(id, name) {
      const row = await db
        .updateTable("tenants")
        .set({ name })
        .where("id", "=", id)
        .returningAll()
        .executeTakeFirst();
      if (!row) throw new GatewayError("not_found", `The tenant '${id}' does not exist.`);
      return toTenant(row);
    },
    async list() {
      const rows = await db.selectFrom("tenants").selectAll().orderBy("created_at").orderBy("id").execute();
      return rows.map(toTenant);
    },
  };
}

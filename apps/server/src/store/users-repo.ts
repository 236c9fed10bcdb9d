import { sql } from "kysely";
import { inTransaction } from "./in-transaction.js";
import { newId } from "./new-id.js";
import type { RepoContext } from "./repo-context.js";
import { toUser } from "./row-mappers.js";
import type { Store } from "./store.js";
import { translateConstraintError } from "./translate-constraint-error.js";

/**
 * The users repository. Emails keep the case they were given but compare case-insensitively, through the
 * database's own `lower()` on both sides, which is also what the unique index on `lower(email)` uses.
 * A user is created with its membership of the tenant it is created in (its home tenant), in one
 * transaction.
 *
 * @example
 * const user = await createUsersRepo(ctx).findByEmail("Ada@Example.com");
 */
export function createUsersRepo({ db, now }: RepoContext): Store["users"] {
  return {
    async create(input) {
      const row = {
        id: newId("usr"),
        tenant_id: input.tenantId,
        email: input.email,
        name: input.name,
        role: input.role,
        password_hash: input.passwordHash,
        created_at: now(),
        email_verified_at: input.emailVerifiedAt ?? null,
        sessions_valid_after: 0,
      };
      try {
        await inTransaction(db, async (trx) => {
          await trx.insertInto("users").values(row).execute();
          await trx
            .insertInto("memberships")
            .values({ tenant_id: row.tenant_id, user_id: row.id, role: row.role, created_at: row.created_at })
            .execute();
        });
      } catch (error) {
        throw translateConstraintError(error, `A user with the email '${input.email}' already exists.`);
      }
      return toUser(row);
    },
    async findByEmail(email) {
      const row = await db
        .selectFrom("users")
        .selectAll()
        .where(sql`lower(email)`, "=", sql`lower(${email})`)
        .executeTakeFirst();
      return row && toUser(row);
    },
    async findById(id) {
      const row = await db.selectFrom("users").selectAll().where("id", "=", id).executeTakeFirst();
      return row && toUser(row);
    },
    async get(tenantId, id) {
      const row = await db
        .selectFrom("users")
        .selectAll()
        .where("tenant_id", "=", tenantId)
        .where("id", "=", id)
        .executeTakeFirst();
      return row && toUser(row);
    },
    async list(tenantId) {
      const rows = await db
        .selectFrom("users")
        .selectAll()
        .where("tenant_id", "=", tenantId)
        .orderBy("created_at")
        .orderBy("id")
        .execute();
      return rows.map(toUser);
    },
    async count() {
      const row = await db
        .selectFrom("users")
        .select((eb) => eb.fn.countAll<number>().as("n"))
        .executeTakeFirstOrThrow();
      return Number(row.n);
    },
  };
}

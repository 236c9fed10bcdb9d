import { GatewayError } from "@gatehouse/protocol";
import type { Kysely } from "kysely";
import type { DB } from "./database.js";

type TenantOwnedTable = "workspaces" | "users" | "providers" | "models" | "service_accounts";

/**
 * Throws `not_found` unless the row exists in this tenant. Foreign keys alone would accept another tenant's
 * workspace or provider; this check keeps a reference from crossing tenants, and answers the same for a
 * foreign row as for a missing one.
 *
 * @example
 * await assertInTenant(trx, "providers", tenantId, input.providerId, "provider");
 */
export async function assertInTenant(
  db: Kysely<DB>,
  table: TenantOwnedTable,
  tenantId: string,
  id: string,
  label: string,
): Promise<void> {
  const row = await db
    .selectFrom(table)
    .select("id")
    .where("tenant_id", "=", tenantId)
    .where("id", "=", id)
    .executeTakeFirst();
  if (!row) throw new GatewayError("not_found", `The ${label} '${id}' does not exist.`);
}

/**
 * Throws `not_found` unless the user is a member of the tenant. Users are installation-wide accounts:
 * their own `tenant_id` is only the tenant they were created in, so membership, not that column, says
 * whether they belong (someone who signed up elsewhere and was invited here belongs here too).
 *
 * @example
 * await assertMember(trx, tenantId, input.userId);
 */
export async function assertMember(db: Kysely<DB>, tenantId: string, userId: string): Promise<void> {
  const row = await db
    .selectFrom("memberships")
    .select("user_id")
    .where("tenant_id", "=", tenantId)
    .where("user_id", "=", userId)
    .executeTakeFirst();
  if (!row) throw new GatewayError("not_found", `The user '${userId}' is not a member of this tenant.`);
}

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

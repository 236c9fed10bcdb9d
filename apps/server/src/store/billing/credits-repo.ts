import { type Kysely, sql } from "kysely";
import type { DB } from "../database.js";
import { inTransaction } from "../in-transaction.js";
import { newId } from "../new-id.js";
import type { RepoContext } from "../repo-context.js";
import { bumpScope } from "../revisions/bump-scope.js";
import { paginate } from "../tenancy/paginate.js";
import type { Page, PageRequest } from "../tenancy-types.js";
import { translateConstraintError } from "../translate-constraint-error.js";
import { toLedgerEntry, toTenantBilling } from "./billing-row-mappers.js";
import type { LedgerEntry, LedgerEntryInput, TenantBilling } from "./billing-types.js";

/** How many tenants one `flushAll` call flushes at most (the next call takes the rest). */
export const FLUSH_BATCH = 500;

export interface CreditsRepo {
  /** The tenant's billing row; a tenant never configured reads as no plan, not prepaid, zero balance. */
  get(tenantId: string): Promise<TenantBilling>;
  /** Billing rows of every tenant that has a plan or is prepaid (for the admission snapshot), by id. */
  listConfigured(afterTenantId: string, limit: number): Promise<TenantBilling[]>;
  setPlan(tenantId: string, planId: string | null): Promise<TenantBilling>;
  setPrepaid(tenantId: string, prepaid: boolean): Promise<TenantBilling>;
  setStripe(
    tenantId: string,
    ids: { customerId?: string | null; subscriptionId?: string | null },
  ): Promise<void>;
  findByStripeSubscription(subscriptionId: string): Promise<TenantBilling | undefined>;
  /**
   * Adds a ledger entry and moves the balance with it, atomically. With a `reference` already used by this
   * tenant, adds nothing and answers undefined (replays are harmless).
   */
  addEntry(tenantId: string, input: LedgerEntryInput): Promise<LedgerEntry | undefined>;
  /** A page of the tenant's ledger, newest first by default. */
  listEntries(tenantId: string, page: PageRequest): Promise<Page<LedgerEntry>>;
  /**
   * Holds `amountNano` for a request when unflushed + reserved + amount ≤ ledger (one conditional UPDATE);
   * false when the balance is too low (or the tenant is not prepaid).
   */
  reserve(tenantId: string, amountNano: number): Promise<boolean>;
  /** Releases a hold and records the actual cost as unflushed spend (one UPDATE, no ledger row). */
  settle(tenantId: string, reservedNano: number, costNano: number): Promise<void>;
  /** Writes the tenant's unflushed spend as one aggregated `debit` entry; answers the amount written. */
  flush(tenantId: string): Promise<number>;
  /** Flushes up to {@link FLUSH_BATCH} tenants with unflushed spend; answers how many were flushed. */
  flushAll(): Promise<number>;
}

/**
 * The credit balance as a ledger. Every entry moves `ledger_nano` in the same transaction, so
 * `ledger_nano = sum(entries)` always; request spend accrues in `unflushed_nano` (one UPDATE at settle) and
 * is written as one aggregated debit per flush, so `balance = sum(entries) − unflushed_nano` is exact at
 * every moment without a ledger row per request.
 *
 * @example
 * if (await credits.reserve(tenantId, hold)) { ...; await credits.settle(tenantId, hold, cost); }
 */
export function createCreditsRepo({ db, now }: RepoContext): CreditsRepo {
  const ensureRow = (trx: Kysely<DB>, tenantId: string) =>
    trx
      .insertInto("tenant_billing")
      .values({ tenant_id: tenantId, updated_at: now() })
      .onConflict((oc) => oc.column("tenant_id").doNothing())
      .execute()
      .catch((error: unknown) => {
        throw translateConstraintError(error, "The tenant's billing row exists.");
      });
  const read = async (trx: Kysely<DB>, tenantId: string): Promise<TenantBilling> => {
    const row = await trx
      .selectFrom("tenant_billing")
      .selectAll()
      .where("tenant_id", "=", tenantId)
      .executeTakeFirst();
    return row ? toTenantBilling(row) : emptyBilling(tenantId);
  };
  const setting = (tenantId: string, values: { plan_id?: string | null; prepaid?: number }) =>
    inTransaction(db, async (trx) => {
      await ensureRow(trx, tenantId);
      await trx
        .updateTable("tenant_billing")
        .set({ ...values, updated_at: now() })
        .where("tenant_id", "=", tenantId)
        .execute()
        .catch((error: unknown) => {
          throw translateConstraintError(error, "The tenant's billing row exists.");
        });
      await bumpScope(trx, tenantId, "billing");
      return read(trx, tenantId);
    });
  const flush = (tenantId: string) =>
    inTransaction(db, async (trx) => {
      // Touch the row first: on PostgreSQL that locks it, so two flushes never write the same spend twice.
      await trx
        .updateTable("tenant_billing")
        .set({ updated_at: now() })
        .where("tenant_id", "=", tenantId)
        .execute();
      const { unflushedNano } = await read(trx, tenantId);
      if (unflushedNano === 0) return 0;
      const at = now();
      await trx
        .insertInto("credit_ledger")
        .values({
          id: newId("cdt"),
          tenant_id: tenantId,
          kind: "debit",
          amount_nano: -unflushedNano,
          description: "Usage",
          reference: null,
          created_at: at,
        })
        .execute();
      await trx
        .updateTable("tenant_billing")
        .set({
          ledger_nano: sql`ledger_nano - ${unflushedNano}`,
          unflushed_nano: sql`unflushed_nano - ${unflushedNano}`,
        })
        .where("tenant_id", "=", tenantId)
        .execute();
      return unflushedNano;
    });
  return {
    get: (tenantId) => read(db, tenantId),
    listConfigured: async (after, limit) =>
      (
        await db
          .selectFrom("tenant_billing")
          .selectAll()
          .where("tenant_id", ">", after)
          .where((eb) => eb.or([eb("plan_id", "is not", null), eb("prepaid", "=", 1)]))
          .orderBy("tenant_id")
          .limit(limit)
          .execute()
      ).map(toTenantBilling),
    setPlan: (tenantId, planId) => setting(tenantId, { plan_id: planId }),
    setPrepaid: (tenantId, prepaid) => setting(tenantId, { prepaid: prepaid ? 1 : 0 }),
    setStripe: (tenantId, ids) =>
      inTransaction(db, async (trx) => {
        await ensureRow(trx, tenantId);
        await trx
          .updateTable("tenant_billing")
          .set({
            ...(ids.customerId !== undefined && { stripe_customer_id: ids.customerId }),
            ...(ids.subscriptionId !== undefined && { stripe_subscription_id: ids.subscriptionId }),
            updated_at: now(),
          })
          .where("tenant_id", "=", tenantId)
          .execute();
      }),
    findByStripeSubscription: async (subscriptionId) => {
      const row = await db
        .selectFrom("tenant_billing")
        .selectAll()
        .where("stripe_subscription_id", "=", subscriptionId)
        .executeTakeFirst();
      return row ? toTenantBilling(row) : undefined;
    },
    addEntry: (tenantId, input) =>
      inTransaction(db, async (trx) => {
        await ensureRow(trx, tenantId);
        const reference = input.reference ?? null;
        if (reference !== null) {
          const seen = await trx
            .selectFrom("credit_ledger")
            .select("id")
            .where("tenant_id", "=", tenantId)
            .where("reference", "=", reference)
            .executeTakeFirst();
          if (seen) return undefined;
        }
        const row = {
          id: newId("cdt"),
          tenant_id: tenantId,
          kind: input.kind,
          amount_nano: input.amountNano,
          description: input.description,
          reference,
          created_at: now(),
        };
        await trx.insertInto("credit_ledger").values(row).execute();
        await trx
          .updateTable("tenant_billing")
          .set({ ledger_nano: sql`ledger_nano + ${input.amountNano}`, updated_at: row.created_at })
          .where("tenant_id", "=", tenantId)
          .execute();
        return toLedgerEntry(row);
      }),
    listEntries: (tenantId, page) =>
      paginate(
        db.selectFrom("credit_ledger").selectAll().where("tenant_id", "=", tenantId),
        page,
        { at: "created_at", id: "id" },
        toLedgerEntry,
        (r) => [Number(r.created_at), r.id],
      ),
    reserve: async (tenantId, amountNano) => {
      const res = await db
        .updateTable("tenant_billing")
        .set({ reserved_nano: sql`reserved_nano + ${amountNano}` })
        .where("tenant_id", "=", tenantId)
        .where("prepaid", "=", 1)
        .where(sql<boolean>`unflushed_nano + reserved_nano + ${amountNano} <= ledger_nano`)
        .executeTakeFirst();
      return res.numUpdatedRows > 0n;
    },
    settle: async (tenantId, reservedNano, costNano) => {
      await db
        .updateTable("tenant_billing")
        .set({
          reserved_nano: sql`reserved_nano - ${reservedNano}`,
          unflushed_nano: sql`unflushed_nano + ${costNano}`,
        })
        .where("tenant_id", "=", tenantId)
        .execute();
    },
    flush,
    flushAll: async () => {
      const rows = await db
        .selectFrom("tenant_billing")
        .select("tenant_id")
        .where("unflushed_nano", "<>", 0)
        .orderBy("tenant_id")
        .limit(FLUSH_BATCH)
        .execute();
      for (const r of rows) await flush(r.tenant_id);
      return rows.length;
    },
  };
}

function emptyBilling(tenantId: string): TenantBilling {
  return {
    tenantId,
    planId: null,
    prepaid: false,
    ledgerNano: 0,
    unflushedNano: 0,
    reservedNano: 0,
    availableNano: 0,
    stripeCustomerId: null,
    stripeSubscriptionId: null,
  };
}

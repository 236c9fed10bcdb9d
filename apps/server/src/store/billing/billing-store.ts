import type { RepoContext } from "../repo-context.js";
import { type CreditsRepo, createCreditsRepo } from "./credits-repo.js";
import { createPlansRepo, type PlansRepo } from "./plans-repo.js";
import { createRedemptionsRepo, type RedemptionsRepo } from "./redemptions-repo.js";
import { readStatementData, type StatementData } from "./statement-query.js";

/** Stripe events already processed: webhooks are idempotent by event id. */
export interface StripeEventsRepo {
  /** Records the event id; false when it was recorded before (a replay). Call it in the transaction
   * that applies the event, so a failure leaves it unrecorded and Stripe's retry applies it. */
  claim(id: string, type: string): Promise<boolean>;
}

/** The billing part of the Store: plans, credits and the ledger, redemption codes, Stripe events, statements. */
export interface BillingStore {
  plans: PlansRepo;
  credits: CreditsRepo;
  redemptions: RedemptionsRepo;
  stripeEvents: StripeEventsRepo;
  statement(tenantId: string, from: number, to: number): Promise<StatementData>;
  /** The operator's tenant: the installation's first (the one first start creates); null before any. */
  operatorTenantId(): Promise<string | null>;
}

/**
 * Builds the billing repositories over the database or one of its transactions.
 *
 * @example
 * const billing = createBillingStore({ db, now });
 */
export function createBillingStore(ctx: RepoContext): BillingStore {
  return {
    plans: createPlansRepo(ctx),
    credits: createCreditsRepo(ctx),
    redemptions: createRedemptionsRepo(ctx, (db) => createCreditsRepo({ ...ctx, db })),
    stripeEvents: {
      claim: async (id, type) => {
        const res = await ctx.db
          .insertInto("stripe_events")
          .values({ id, type, received_at: ctx.now() })
          .onConflict((oc) => oc.column("id").doNothing())
          .executeTakeFirst();
        return Number(res.numInsertedOrUpdatedRows ?? 0n) > 0;
      },
    },
    statement: (tenantId, from, to) => readStatementData(ctx, tenantId, from, to),
    operatorTenantId: async () =>
      (
        await ctx.db
          .selectFrom("tenants")
          .select("id")
          .orderBy("created_at")
          .orderBy("id")
          .limit(1)
          .executeTakeFirst()
      )?.id ?? null,
  };
}

import { GatewayError } from "@gatehouse/protocol";
import { inTransaction } from "../in-transaction.js";
import { newId } from "../new-id.js";
import type { RepoContext } from "../repo-context.js";
import { bumpScope } from "../revisions/bump-scope.js";
import { paginate } from "../tenancy/paginate.js";
import type { Page, PageRequest } from "../tenancy-types.js";
import { translateConstraintError } from "../translate-constraint-error.js";
import { toPlan } from "./billing-row-mappers.js";
import type { Plan, PlanInput, PlanPatch } from "./billing-types.js";

/**
 * The scope tenant id of an installation-wide billing change (a plan created, edited or removed): the
 * billing snapshot reloads its plans. Tenant ids are generated (`ten_...`), so this never names a tenant.
 */
export const PLANS_SCOPE = "_plans";

/** At most this many plans exist (they are operator-defined products, listed whole in the snapshot). */
export const MAX_PLANS = 500;

export interface PlansRepo {
  create(input: PlanInput): Promise<Plan>;
  get(id: string): Promise<Plan | undefined>;
  /** Every plan, by name (bounded by {@link MAX_PLANS}). */
  list(): Promise<Plan[]>;
  /** A page of plans in creation order. */
  listPage(page: PageRequest): Promise<Page<Plan>>;
  update(id: string, patch: PlanPatch): Promise<Plan | undefined>;
  /** `conflict` while a tenant is on the plan. */
  remove(id: string): Promise<boolean>;
  findByStripePrice(priceId: string): Promise<Plan | undefined>;
}

/**
 * Plans: installation-wide, so a change bumps the `billing` scope of {@link PLANS_SCOPE}.
 *
 * @example
 * const plan = await createPlansRepo(ctx).create({ name: "Pro", models: ["gpt-4o*"], ... });
 */
export function createPlansRepo({ db, now }: RepoContext): PlansRepo {
  const get = (id: string) =>
    db
      .selectFrom("plans")
      .selectAll()
      .where("id", "=", id)
      .executeTakeFirst()
      .then((r) => (r ? toPlan(r) : undefined));
  return {
    create: (input) =>
      inTransaction(db, async (trx) => {
        const at = now();
        const row = { id: newId("pln"), ...columnsOf(input), created_at: at, updated_at: at };
        const count = await trx
          .selectFrom("plans")
          .select((eb) => eb.fn.countAll<number>().as("n"))
          .executeTakeFirst();
        if (Number(count?.n ?? 0) >= MAX_PLANS)
          throw new GatewayError("conflict", `At most ${MAX_PLANS} plans can exist.`);
        try {
          await trx.insertInto("plans").values(row).execute();
        } catch (error) {
          throw translateConstraintError(error, `A plan named '${input.name}' exists.`);
        }
        await bumpScope(trx, PLANS_SCOPE, "billing");
        return toPlan(row);
      }),
    get,
    list: async () =>
      (await db.selectFrom("plans").selectAll().orderBy("name").limit(MAX_PLANS).execute()).map(toPlan),
    update: (id, patch) =>
      inTransaction(db, async (trx) => {
        const values = { ...columnsOf(patch), updated_at: now() };
        let res: { numUpdatedRows: bigint };
        try {
          res = await trx.updateTable("plans").set(values).where("id", "=", id).executeTakeFirstOrThrow();
        } catch (error) {
          throw translateConstraintError(error, `A plan named '${patch.name}' exists.`);
        }
        if (res.numUpdatedRows === 0n) return undefined;
        await bumpScope(trx, PLANS_SCOPE, "billing");
        return trx
          .selectFrom("plans")
          .selectAll()
          .where("id", "=", id)
          .executeTakeFirstOrThrow()
          .then(toPlan);
      }),
    remove: (id) =>
      inTransaction(db, async (trx) => {
        const inUse = await trx
          .selectFrom("tenant_billing")
          .select("tenant_id")
          .where("plan_id", "=", id)
          .limit(1)
          .executeTakeFirst();
        if (inUse)
          throw new GatewayError("conflict", "Tenants are on this plan: move them to another plan first.");
        const res = await trx.deleteFrom("plans").where("id", "=", id).executeTakeFirstOrThrow();
        if (res.numDeletedRows === 0n) return false;
        await bumpScope(trx, PLANS_SCOPE, "billing");
        return true;
      }),
    listPage: (page) =>
      paginate(db.selectFrom("plans").selectAll(), page, { at: "created_at", id: "id" }, toPlan, (r) => [
        Number(r.created_at),
        r.id,
      ]),
    findByStripePrice: (priceId) =>
      db
        .selectFrom("plans")
        .selectAll()
        .where("stripe_price_id", "=", priceId)
        .executeTakeFirst()
        .then((r) => (r ? toPlan(r) : undefined)),
  };
}

function columnsOf(p: PlanPatch) {
  return {
    ...(p.name !== undefined && { name: p.name }),
    ...(p.models !== undefined && { models: JSON.stringify(p.models) }),
    ...(p.rpm !== undefined && { rpm: p.rpm }),
    ...(p.tpm !== undefined && { tpm: p.tpm }),
    ...(p.concurrency !== undefined && { concurrency: p.concurrency }),
    ...(p.includedNano !== undefined && { included_nano: p.includedNano }),
    ...(p.includedTokens !== undefined && { included_tokens: p.includedTokens }),
    ...(p.stripePriceId !== undefined && { stripe_price_id: p.stripePriceId }),
  } as {
    name: string;
    models: string;
    rpm: number | null;
    tpm: number | null;
    concurrency: number | null;
    included_nano: number | null;
    included_tokens: number | null;
    stripe_price_id: string | null;
  };
}

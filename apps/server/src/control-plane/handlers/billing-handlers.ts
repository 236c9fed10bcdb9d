import type * as C from "@gatehouse/contracts";
import type { Body, ParsedQuery } from "@gatehouse/contracts";
import { GatewayError } from "@gatehouse/protocol";
import type Stripe from "stripe";
import { generateRedemptionCode, hashRedemptionCode } from "../../billing/redemption-code.js";
import { buildStatement } from "../../billing/statement.js";
import { statementCsv } from "../../billing/statement-csv.js";
import { statementPdf } from "../../billing/statement-pdf.js";
import { createSubscriptionCheckout, createTopUpCheckout } from "../../billing/stripe/stripe-checkout.js";
import type { StripeSettings } from "../../billing/stripe/stripe-settings.js";
import type { Plan } from "../../store/billing/billing-types.js";
import type { ContractInput } from "../contract-router/register-contract.js";
import { billingView, codeView, ledgerView } from "./billing-views.js";
import { audit, type CallContext, type ControlPlaneDeps, found, pageOf } from "./control-plane-deps.js";
import { handleStripeWebhook } from "./handle-stripe-webhook.js";

/** Stripe, when STRIPE_SECRET_KEY is set: the client and its settings. */
export interface BillingStripe {
  client: Stripe;
  settings: StripeSettings;
}

type PlanCtx = CallContext & { params: { planId: string } };
type TenantCtx = CallContext & { params: { tenantId: string } };
type MonthCtx = CallContext & { params: { tenantId: string; month: string } };

/**
 * Billing (docs/billing.md): plans and redemption codes are the operator's (the router checks
 * billing:manage in the installation's first tenant); balance, ledger, checkout, redemption and
 * statements are each tenant's own (billing:read / billing:manage).
 */
export function billingHandlers(deps: ControlPlaneDeps, stripe: BillingStripe | undefined) {
  const { billing } = deps.store;
  const planOf = async (planId: string | null) => (planId ? billing.plans.get(planId) : undefined);
  const viewOf = async (tenantId: string) => {
    const row = await billing.credits.get(tenantId);
    return billingView(row, await planOf(row.planId));
  };
  const requireStripe = (): BillingStripe => {
    if (!stripe)
      throw new GatewayError("service_unavailable", "Stripe is not configured (STRIPE_SECRET_KEY).");
    return stripe;
  };
  return {
    "billing.listPlans": async (ctx: CallContext & { query: ParsedQuery<typeof C.listPlans> }) =>
      billing.plans.listPage(pageOf(ctx.query)),
    "billing.createPlan": async (ctx: CallContext & { body: Body<typeof C.createPlan> }) => {
      const plan = await billing.plans.create(planInput(ctx.body));
      await audit(deps, ctx, ctx.tenantId!, "billing.createPlan", { kind: "plan", id: plan.id }, null, plan);
      await deps.invalidate();
      return plan;
    },
    "billing.updatePlan": async (ctx: PlanCtx & { body: Body<typeof C.updatePlan> }) => {
      const before = found(await billing.plans.get(ctx.params.planId));
      const after = found(await billing.plans.update(before.id, planPatch(ctx.body)));
      await audit(
        deps,
        ctx,
        ctx.tenantId!,
        "billing.updatePlan",
        { kind: "plan", id: before.id },
        before,
        after,
      );
      await deps.invalidate();
      return after;
    },
    "billing.deletePlan": async (ctx: PlanCtx) => {
      const before = found(await billing.plans.get(ctx.params.planId));
      await billing.plans.remove(before.id);
      await audit(
        deps,
        ctx,
        ctx.tenantId!,
        "billing.deletePlan",
        { kind: "plan", id: before.id },
        before,
        null,
      );
      await deps.invalidate();
      return null;
    },
    "billing.setTenant": async (
      ctx: CallContext & { params: { targetTenantId: string }; body: Body<typeof C.setTenantBilling> },
    ) => {
      const target = ctx.params.targetTenantId;
      found(await deps.store.tenants.get(target).catch(() => undefined));
      const before = await viewOf(target);
      if (ctx.body.planId !== undefined) {
        if (ctx.body.planId !== null) found(await billing.plans.get(ctx.body.planId));
        await billing.credits.setPlan(target, ctx.body.planId);
      }
      if (ctx.body.prepaid !== undefined) await billing.credits.setPrepaid(target, ctx.body.prepaid);
      const after = await viewOf(target);
      await audit(
        deps,
        ctx,
        ctx.tenantId!,
        "billing.setTenant",
        { kind: "tenant", id: target },
        before,
        after,
      );
      await deps.invalidate();
      return after;
    },
    "billing.get": async (ctx: TenantCtx) => viewOf(ctx.params.tenantId),
    "billing.listLedger": async (ctx: TenantCtx & { query: ParsedQuery<typeof C.listLedger> }) => {
      const page = await billing.credits.listEntries(ctx.params.tenantId, pageOf(ctx.query));
      return { items: page.items.map(ledgerView), nextCursor: page.nextCursor };
    },
    "billing.createCheckout": async (ctx: TenantCtx & { body: Body<typeof C.createCheckout> }) => {
      const { client, settings } = requireStripe();
      const tenantId = ctx.params.tenantId;
      if (ctx.body.kind === "top_up")
        return createTopUpCheckout(client, settings, tenantId, ctx.body.amountNano);
      const plan = found(await billing.plans.get(ctx.body.planId));
      return createSubscriptionCheckout(client, settings, tenantId, plan);
    },
    "billing.redeem": async (ctx: TenantCtx & { body: Body<typeof C.redeemCode> }) => {
      const entry = await billing.redemptions.redeem(ctx.params.tenantId, hashRedemptionCode(ctx.body.code));
      const target = { kind: "ledger_entry", id: entry.id };
      await audit(deps, ctx, ctx.params.tenantId, "billing.redeem", target, null, ledgerView(entry));
      return ledgerView(entry);
    },
    "billing.createCode": async (ctx: CallContext & { body: Body<typeof C.createRedemptionCode> }) => {
      const code = generateRedemptionCode();
      const created = await billing.redemptions.create({
        codeHash: hashRedemptionCode(code),
        valueNano: ctx.body.valueNano,
        expiresAt: ctx.body.expiresAt ?? null,
        maxUses: ctx.body.maxUses ?? 1,
        note: ctx.body.note ?? "",
      });
      const target = { kind: "redemption_code", id: created.id };
      await audit(deps, ctx, ctx.tenantId!, "billing.createCode", target, null, codeView(created));
      return { ...codeView(created), code };
    },
    "billing.listCodes": async (ctx: CallContext & { query: ParsedQuery<typeof C.listRedemptionCodes> }) => {
      const page = await billing.redemptions.list(pageOf(ctx.query));
      return { items: page.items.map(codeView), nextCursor: page.nextCursor };
    },
    "billing.statementCsv": async (ctx: MonthCtx) => ({
      contentType: "text/csv; charset=utf-8",
      body: statementCsv(await buildStatement(deps.store, ctx.params.tenantId, ctx.params.month)),
    }),
    "billing.statementPdf": async (ctx: MonthCtx) => ({
      contentType: "application/pdf",
      body: statementPdf(await buildStatement(deps.store, ctx.params.tenantId, ctx.params.month)),
    }),
    "billing.stripeWebhook": async (input: ContractInput) => {
      const answer = await handleStripeWebhook(deps.store, requireStripe(), input.raw, deps.logger);
      // A plan change reaches this instance's snapshot now and the others through the change bus.
      if (answer.outcome === "applied") await deps.invalidate();
      return answer;
    },
  };
}

function planInput(body: Body<typeof C.createPlan>): Omit<Plan, "id" | "createdAt" | "updatedAt"> {
  return {
    name: body.name,
    models: body.models,
    rpm: body.rpm ?? null,
    tpm: body.tpm ?? null,
    concurrency: body.concurrency ?? null,
    includedNano: body.includedNano ?? null,
    includedTokens: body.includedTokens ?? null,
    stripePriceId: body.stripePriceId ?? null,
  };
}

function planPatch(body: Body<typeof C.updatePlan>): Partial<Plan> {
  return Object.fromEntries(Object.entries(body).filter(([, v]) => v !== undefined)) as Partial<Plan>;
}

import type Stripe from "stripe";
import type { Store } from "../../store/store.js";
import { NANO_PER_CENT } from "./stripe-checkout.js";

/** What processing an event did, for the webhook's answer and logs. */
export type StripeEventOutcome = "applied" | "replayed" | "ignored";

/**
 * Applies a verified Stripe event, once: the event id is claimed in the same transaction as its effect,
 * so a replay (Stripe retries, or the same event delivered twice) changes nothing, and a failure leaves
 * the event unclaimed for Stripe's retry. Events (https://docs.stripe.com/api/events/types):
 * - `checkout.session.completed`, mode payment, paid: a `top_up` ledger entry of `amount_total` cents;
 *   mode subscription: the tenant's Stripe customer and subscription ids are recorded;
 * - `invoice.paid` of a subscription: the tenant moves to the plan named in the subscription's metadata
 *   and the plan's included quota (nano-USD) is credited for the period (reference: the invoice id);
 * - `customer.subscription.deleted`: the tenant's plan ends (no plan).
 *
 * @example
 * const outcome = await handleStripeEvent(store, stripe.webhooks.constructEvent(raw, sig, secret));
 */
export async function handleStripeEvent(store: Store, event: Stripe.Event): Promise<StripeEventOutcome> {
  return store.transaction(async (trx) => {
    if (!(await trx.billing.stripeEvents.claim(event.id, event.type))) return "replayed";
    switch (event.type) {
      case "checkout.session.completed":
        return checkoutCompleted(trx, event.data.object);
      case "invoice.paid":
        return invoicePaid(trx, event.data.object);
      case "customer.subscription.deleted":
        return subscriptionDeleted(trx, event.data.object);
      default:
        return "ignored";
    }
  });
}

async function checkoutCompleted(
  store: Store,
  session: Stripe.Checkout.Session,
): Promise<StripeEventOutcome> {
  const tenantId = session.client_reference_id ?? session.metadata?.tenant_id;
  if (!tenantId || !(await store.tenants.get(tenantId))) return "ignored";
  if (session.mode === "subscription") {
    await store.billing.credits.setStripe(tenantId, {
      customerId: idOf(session.customer),
      subscriptionId: idOf(session.subscription),
    });
    return "applied";
  }
  if (session.mode !== "payment" || session.payment_status !== "paid" || !session.amount_total)
    return "ignored";
  await store.billing.credits.setStripe(tenantId, { customerId: idOf(session.customer) });
  await store.billing.credits.addEntry(tenantId, {
    kind: "top_up",
    amountNano: session.amount_total * NANO_PER_CENT,
    description: "Top-up (Stripe Checkout)",
    reference: session.id,
  });
  return "applied";
}

async function invoicePaid(store: Store, invoice: Stripe.Invoice): Promise<StripeEventOutcome> {
  const details = invoice.parent?.subscription_details;
  const subscriptionId = idOf(details?.subscription ?? null);
  if (!subscriptionId) return "ignored";
  const tenantId =
    details?.metadata?.tenant_id ??
    (await store.billing.credits.findByStripeSubscription(subscriptionId))?.tenantId;
  if (!tenantId || !(await store.tenants.get(tenantId))) return "ignored";
  const plan = details?.metadata?.plan_id
    ? await store.billing.plans.get(details.metadata.plan_id)
    : undefined;
  await store.billing.credits.setStripe(tenantId, { customerId: idOf(invoice.customer), subscriptionId });
  if (!plan) return "ignored";
  await store.billing.credits.setPlan(tenantId, plan.id);
  if (plan.includedNano) {
    await store.billing.credits.addEntry(tenantId, {
      kind: "top_up",
      amountNano: plan.includedNano,
      description: `Plan ${plan.name}: included credit for the period`,
      reference: invoice.id,
    });
  }
  return "applied";
}

async function subscriptionDeleted(
  store: Store,
  subscription: Stripe.Subscription,
): Promise<StripeEventOutcome> {
  const billing = await store.billing.credits.findByStripeSubscription(subscription.id);
  if (!billing) return "ignored";
  await store.billing.credits.setPlan(billing.tenantId, null);
  await store.billing.credits.setStripe(billing.tenantId, { subscriptionId: null });
  return "applied";
}

function idOf(ref: string | { id: string } | null | undefined): string | null {
  if (ref === null || ref === undefined) return null;
  return typeof ref === "string" ? ref : ref.id;
}

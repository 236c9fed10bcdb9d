import { GatewayError } from "@gatehouse/protocol";
import Stripe from "stripe";
import type { Plan } from "../../store/billing/billing-types.js";
import type { StripeSettings } from "./stripe-settings.js";

/** 1 US cent in nano-USD: Checkout charges whole cents. */
export const NANO_PER_CENT = 10_000_000;
/** Stripe's smallest USD charge is 0.50 (https://docs.stripe.com/currencies#minimum-and-maximum-charge-amounts). */
export const MIN_TOP_UP_NANO = 50 * NANO_PER_CENT;
export const MAX_TOP_UP_NANO = 10_000 * 1_000_000_000;

/** What the console redirects the customer to. */
export interface CheckoutLink {
  id: string;
  url: string;
}

/**
 * A Checkout Session for a credit top-up of `amountNano` (whole cents, 0.50–10,000 USD). The tenant and
 * amount ride in `client_reference_id` and `metadata`, read back by `checkout.session.completed`.
 * https://docs.stripe.com/api/checkout/sessions/create
 *
 * @example
 * const { url } = await createTopUpCheckout(stripe, settings, tenantId, 20_000_000_000);
 */
export async function createTopUpCheckout(
  stripe: Stripe,
  settings: Pick<StripeSettings, "successUrl" | "cancelUrl">,
  tenantId: string,
  amountNano: number,
): Promise<CheckoutLink> {
  if (!Number.isSafeInteger(amountNano) || amountNano % NANO_PER_CENT !== 0) {
    throw new GatewayError(
      "invalid_request",
      "A top-up must be a whole number of cents (amountNano a multiple of 10,000,000).",
    );
  }
  if (amountNano < MIN_TOP_UP_NANO || amountNano > MAX_TOP_UP_NANO) {
    throw new GatewayError("invalid_request", "A top-up must be between 0.50 and 10,000 USD.");
  }
  const session = await translateStripeError(() =>
    stripe.checkout.sessions.create({
      mode: "payment",
      client_reference_id: tenantId,
      line_items: [
        {
          quantity: 1,
          price_data: {
            currency: "usd",
            unit_amount: amountNano / NANO_PER_CENT,
            product_data: { name: "Gatehouse credits" },
          },
        },
      ],
      metadata: { tenant_id: tenantId, kind: "top_up" },
      ...returnUrls(settings, tenantId),
    }),
  );
  return linkOf(session);
}

/**
 * A Checkout Session subscribing the tenant to a plan's Stripe price. The tenant and plan ride in the
 * subscription's metadata, so every `invoice.paid` of the subscription names them.
 *
 * @example
 * const { url } = await createSubscriptionCheckout(stripe, settings, tenantId, plan);
 */
export async function createSubscriptionCheckout(
  stripe: Stripe,
  settings: Pick<StripeSettings, "successUrl" | "cancelUrl">,
  tenantId: string,
  plan: Plan,
): Promise<CheckoutLink> {
  const price = plan.stripePriceId;
  if (!price) throw new GatewayError("invalid_request", `The plan '${plan.name}' has no Stripe price.`);
  const metadata = { tenant_id: tenantId, plan_id: plan.id, kind: "subscription" };
  const session = await translateStripeError(() =>
    stripe.checkout.sessions.create({
      mode: "subscription",
      client_reference_id: tenantId,
      line_items: [{ price, quantity: 1 }],
      metadata,
      subscription_data: { metadata },
      ...returnUrls(settings, tenantId),
    }),
  );
  return linkOf(session);
}

/** The settings' return URLs with the paying tenant filled in (the console's page is per tenant). */
function returnUrls(settings: Pick<StripeSettings, "successUrl" | "cancelUrl">, tenantId: string) {
  const fill = (url: string) => url.replaceAll("{tenantId}", encodeURIComponent(tenantId));
  return { success_url: fill(settings.successUrl), cancel_url: fill(settings.cancelUrl) };
}

function linkOf(session: Stripe.Checkout.Session): CheckoutLink {
  if (!session.url)
    throw new GatewayError("upstream_error", "Stripe answered a Checkout Session without a URL.");
  return { id: session.id, url: session.url };
}

/**
 * Stripe's refusals of what we asked (invalid_request_error, e.g. an unknown price) become 400
 * `invalid_request` with Stripe's message; anything else (auth, network, Stripe down) a 502.
 * https://docs.stripe.com/api/errors
 */
async function translateStripeError<T>(call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (err) {
    if (err instanceof Stripe.errors.StripeInvalidRequestError) {
      throw new GatewayError(
        "invalid_request",
        `Stripe refused the checkout: ${err.message}`,
        {},
        { cause: err },
      );
    }
    throw new GatewayError(
      "upstream_error",
      "Stripe could not create the checkout session.",
      {},
      { cause: err },
    );
  }
}

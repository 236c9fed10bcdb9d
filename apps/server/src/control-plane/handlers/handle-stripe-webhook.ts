import type { IncomingHttpHeaders } from "node:http";
import { GatewayError } from "@gatehouse/protocol";
import type { Logger } from "pino";
import { handleStripeEvent, type StripeEventOutcome } from "../../billing/stripe/handle-stripe-event.js";
import type { Store } from "../../store/store.js";
import type { BillingStripe } from "./billing-handlers.js";

/**
 * Stripe's webhook: the signature (`Stripe-Signature`, HMAC over the exact bytes received, within
 * Stripe's 5-minute tolerance) is verified with stripe.webhooks.constructEvent before anything is read;
 * a bad or missing signature answers 400 and changes nothing. The event is then applied once
 * (handleStripeEvent). https://docs.stripe.com/webhooks#verify-official-libraries
 *
 * @example
 * await handleStripeWebhook(store, stripe, { body, headers }, logger); // { received: true, outcome: "applied" }
 */
export async function handleStripeWebhook(
  store: Store,
  stripe: BillingStripe,
  raw: { body: Buffer; headers: IncomingHttpHeaders } | undefined,
  logger: Logger,
): Promise<{ received: true; outcome: StripeEventOutcome }> {
  const secret = stripe.settings.webhookSecret;
  if (!secret)
    throw new GatewayError(
      "service_unavailable",
      "The Stripe webhook secret is not configured (STRIPE_WEBHOOK_SECRET).",
    );
  const signature = raw?.headers["stripe-signature"];
  if (!raw || typeof signature !== "string") {
    throw new GatewayError("invalid_request", "The Stripe-Signature header is missing.");
  }
  let event: ReturnType<typeof stripe.client.webhooks.constructEvent>;
  try {
    event = stripe.client.webhooks.constructEvent(raw.body, signature, secret);
  } catch (err) {
    throw new GatewayError(
      "invalid_request",
      "The Stripe signature does not match the body.",
      {},
      { cause: err },
    );
  }
  const outcome = await handleStripeEvent(store, event);
  logger.info({ stripeEvent: event.id, type: event.type, outcome }, "stripe webhook");
  return { received: true, outcome };
}

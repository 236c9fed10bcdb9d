import Stripe from "stripe";
import type { StripeSettings } from "./stripe-settings.js";

/**
 * The official Stripe client, pointed at STRIPE_API_BASE (host, port and protocol taken from it), with
 * the secret key from STRIPE_SECRET_KEY.
 *
 * @example
 * const stripe = createStripeClient(settings);
 */
export function createStripeClient(settings: Pick<StripeSettings, "secretKey" | "apiBase">): Stripe {
  const { apiBase } = settings;
  const protocol = apiBase.protocol === "http:" ? "http" : "https";
  return new Stripe(settings.secretKey, {
    host: apiBase.hostname,
    port: apiBase.port || (protocol === "http" ? 80 : 443),
    protocol,
    maxNetworkRetries: 1,
    timeout: 20_000,
  });
}

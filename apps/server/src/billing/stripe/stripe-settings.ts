import { GatewayError } from "@gatehouse/protocol";

/** How Gatehouse reaches Stripe (docs/billing.md, "Stripe"). */
export interface StripeSettings {
  /** STRIPE_SECRET_KEY (`sk_live_...` / `sk_test_...`). */
  secretKey: string;
  /** STRIPE_WEBHOOK_SECRET (`whsec_...`): webhooks are refused without it. */
  webhookSecret: string | undefined;
  /** STRIPE_API_BASE: Stripe's API origin (https://api.stripe.com); tests point it at a fake. */
  apiBase: URL;
  /**
   * Where Checkout sends the customer back: the console's billing page of the tenant that paid
   * (GATEHOUSE_PUBLIC_URL + /t/{tenantId}/billing?checkout=success|cancel; `{tenantId}` is filled in
   * per Checkout Session).
   */
  successUrl: string;
  cancelUrl: string;
}

/**
 * Stripe settings from the environment; undefined when STRIPE_SECRET_KEY is not set (Stripe disabled:
 * checkout answers 503 and webhooks 503). A malformed STRIPE_API_BASE or GATEHOUSE_PUBLIC_URL throws.
 *
 * @example
 * const stripe = readStripeSettings(process.env);
 */
export function readStripeSettings(env: NodeJS.ProcessEnv): StripeSettings | undefined {
  const secretKey = env.STRIPE_SECRET_KEY;
  if (!secretKey) return undefined;
  const apiBase = urlOf("STRIPE_API_BASE", env.STRIPE_API_BASE ?? "https://api.stripe.com");
  const publicUrl = urlOf("GATEHOUSE_PUBLIC_URL", env.GATEHOUSE_PUBLIC_URL ?? "http://localhost:8080");
  return {
    secretKey,
    webhookSecret: env.STRIPE_WEBHOOK_SECRET || undefined,
    apiBase,
    successUrl: `${publicUrl.origin}/t/{tenantId}/billing?checkout=success`,
    cancelUrl: `${publicUrl.origin}/t/{tenantId}/billing?checkout=cancel`,
  };
}

function urlOf(name: string, value: string): URL {
  try {
    const url = new URL(value);
    if (url.protocol === "http:" || url.protocol === "https:") return url;
  } catch {
    // reported below
  }
  throw new GatewayError("invalid_request", `${name} must be an http(s) URL.`);
}

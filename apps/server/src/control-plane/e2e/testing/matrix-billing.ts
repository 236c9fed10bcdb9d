import { generateRedemptionCode, hashRedemptionCode } from "../../../billing/redemption-code.js";
import type { StripeSettings } from "../../../billing/stripe/stripe-settings.js";
import { planInput } from "../../../billing/testing/plan-input.js";
import type { MatrixWorld } from "./matrix-world.js";

/** Stripe settings pointing at the matrix's fake Stripe. */
export function matrixStripe(apiBase: string): StripeSettings {
  return {
    secretKey: "sk_test_matrix",
    webhookSecret: "whsec_matrix",
    apiBase: new URL(apiBase),
    successUrl: "https://gatehouse.test/billing?checkout=success",
    cancelUrl: "https://gatehouse.test/billing?checkout=cancel",
  };
}

/** A fresh redemption code (made as the operator would), so every allowed cell can redeem one. */
export async function freshRedemptionCode(w: MatrixWorld): Promise<string> {
  const code = generateRedemptionCode();
  await w.gw.store.billing.redemptions.create({
    codeHash: hashRedemptionCode(code),
    valueNano: 1_000_000_000,
    expiresAt: null,
    maxUses: 1,
    note: "matrix",
  });
  return code;
}

/** A plan made as the operator would (plans are installation-wide; the matrix's tenants are not it). */
export async function freshPlanId(w: MatrixWorld): Promise<string> {
  const plan = await w.gw.store.billing.plans.create(
    planInput({ name: w.unique("plan "), stripePriceId: "price_matrix" }),
  );
  return plan.id;
}

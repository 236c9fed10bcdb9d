import type { PlanInput } from "../../store/billing/billing-types.js";

/**
 * A plan's input for tests: every model, no limits, nothing included, no Stripe price — then `parts`.
 *
 * @example
 * await store.billing.plans.create(planInput({ name: "Mini", models: ["gpt-4o-mini"] }));
 */
export function planInput(parts: Partial<PlanInput> = {}): PlanInput {
  return {
    name: "Plan",
    models: ["*"],
    rpm: null,
    tpm: null,
    concurrency: null,
    includedNano: null,
    includedTokens: null,
    stripePriceId: null,
    ...parts,
  };
}

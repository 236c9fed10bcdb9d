import type { Model } from "../../domain/model.js";
import { type BalanceStrategyName, isBalanceStrategyName } from "../../resilience/balancer.js";
import type { RetryPolicy } from "../../resilience/retry-decision.js";
import type { Candidate } from "../../routing/model-catalog.js";
import type { GatewayRuntime } from "../gateway-runtime.js";

/** The deployment of a priority group the model's balancing strategy picks, among those left in `pool`. */
export function pickInGroup(rt: GatewayRuntime, model: Model, pool: Candidate[]): Candidate {
  const strategy = strategyOf(model);
  return rt.balancer.pick(pool, strategy, strategy === "lowest_cost" ? modelPrice(model) : undefined);
}

/** The retry policy with the model's content-policy setting (shared when the model has none). */
export function policyFor(policy: RetryPolicy, model: Model): RetryPolicy {
  return model.contentFilterFallback === true && !policy.fallbackOnContentFilter
    ? { ...policy, fallbackOnContentFilter: true }
    : policy;
}

/** The model's balancing strategy; weighted random for a model stored without one. */
function strategyOf(model: Model): BalanceStrategyName {
  const s = model.balanceStrategy;
  return isBalanceStrategyName(s) ? s : "weighted_random";
}

/**
 * The price the lowest-cost strategy compares: input + output price per million tokens. Deployments have
 * no price of their own yet, so within one model's group every candidate costs the same (and the
 * strategy shares by weight); it becomes a real choice once deployments carry their own prices.
 */
function modelPrice(model: Model): (c: Candidate) => number {
  const price = model.inputPricePerMTok + model.outputPricePerMTok;
  return () => price;
}

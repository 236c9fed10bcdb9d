import { GatewayError } from "@gatehouse/protocol";
import type { Admission, AdmissionControl } from "../data-plane/pipeline/admission.js";
import type { RequestScope } from "../data-plane/pipeline/request-scope.js";
import type { CreditsRepo } from "../store/billing/credits-repo.js";
import type { BillingSnapshot } from "./billing-snapshot.js";

export interface CreditGateOptions {
  snapshot: BillingSnapshot;
  credits: Pick<CreditsRepo, "reserve" | "settle">;
  /** The largest cost a request can reach, nano-USD (defaultMaxCostNano unless the prices part gives one). */
  maxCostNano: (scope: RequestScope) => number;
  /** Called when a settle fails (the hold stays until an operator adjusts it; logged by the owner). */
  onSettleError: (err: unknown) => void;
}

const NOTHING: Admission = Object.freeze({ settle() {} });
/** Only operations that reach an upstream hold credit; token counts and model lists are free. */
const PAID_OPERATIONS = new Set<RequestScope["operation"]>(["chat", "embeddings"]);

/**
 * Admits a prepaid tenant's request only when its balance covers the request's largest cost: one
 * conditional UPDATE reserves it (unflushed + reserved + hold ≤ ledger), so concurrent requests, on any
 * number of instances, never overspend by more than one request's underestimate. Refused → 402
 * `insufficient_credits`, no upstream call. The meter step settles the actual cost (one UPDATE, no ledger
 * row: spend is written as aggregated debits by the flusher). Tenants that are not prepaid pass untouched.
 *
 * @example
 * const gate = creditGate({ snapshot, credits: store.billing.credits, maxCostNano: defaultMaxCostNano, onSettleError });
 */
export function creditGate(options: CreditGateOptions): AdmissionControl {
  const { snapshot, credits } = options;
  return {
    async admit(scope) {
      const tenantId = scope.principal.tenantId;
      if (!PAID_OPERATIONS.has(scope.operation) || !scope.route) return NOTHING;
      if (!snapshot.tenant(tenantId)?.prepaid) return NOTHING;
      const hold = Math.max(0, Math.ceil(options.maxCostNano(scope)));
      if (!(await credits.reserve(tenantId, hold))) {
        throw new GatewayError(
          "insufficient_credits",
          "The prepaid credit balance is too low for this request: top up or redeem a code.",
        );
      }
      let settled = false;
      return {
        settle({ costNano }) {
          if (settled) return;
          settled = true;
          credits.settle(tenantId, hold, Math.max(0, Math.round(costNano))).catch(options.onSettleError);
        },
      };
    },
  };
}

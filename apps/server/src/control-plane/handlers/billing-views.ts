import type { LedgerEntry, Plan, RedemptionCode, TenantBilling } from "../../store/billing/billing-types.js";

/** A tenant's billing as the API shows it (the plan resolved, the counters under `balance`). */
export function billingView(billing: TenantBilling, plan: Plan | undefined) {
  return {
    tenantId: billing.tenantId,
    plan: plan ?? null,
    prepaid: billing.prepaid,
    balance: {
      availableNano: billing.availableNano,
      ledgerNano: billing.ledgerNano,
      unflushedNano: billing.unflushedNano,
      reservedNano: billing.reservedNano,
    },
  };
}

/** A ledger entry as the API shows it (its tenant is the path's). */
export function ledgerView(e: LedgerEntry) {
  return {
    id: e.id,
    kind: e.kind,
    amountNano: e.amountNano,
    description: e.description,
    reference: e.reference,
    createdAt: e.createdAt,
  };
}

/** A redemption code as listed: never the code. */
export function codeView(c: RedemptionCode) {
  return { ...c };
}

import type { Selectable } from "kysely";
import type { CreditLedgerTable, PlansTable, RedemptionCodesTable, TenantBillingTable } from "../database.js";
import type { LedgerEntry, LedgerKind, Plan, RedemptionCode, TenantBilling } from "./billing-types.js";

const num = (v: number | null): number | null => (v === null ? null : Number(v));

/** A plans row → Plan. */
export function toPlan(r: Selectable<PlansTable>): Plan {
  return {
    id: r.id,
    name: r.name,
    models: JSON.parse(r.models) as string[],
    rpm: num(r.rpm),
    tpm: num(r.tpm),
    concurrency: num(r.concurrency),
    includedNano: num(r.included_nano),
    includedTokens: num(r.included_tokens),
    stripePriceId: r.stripe_price_id,
    createdAt: Number(r.created_at),
    updatedAt: Number(r.updated_at),
  };
}

/** A tenant_billing row → TenantBilling (available computed from the counters). */
export function toTenantBilling(r: Selectable<TenantBillingTable>): TenantBilling {
  const ledger = Number(r.ledger_nano);
  const unflushed = Number(r.unflushed_nano);
  const reserved = Number(r.reserved_nano);
  return {
    tenantId: r.tenant_id,
    planId: r.plan_id,
    prepaid: Number(r.prepaid) === 1,
    ledgerNano: ledger,
    unflushedNano: unflushed,
    reservedNano: reserved,
    availableNano: ledger - unflushed - reserved,
    stripeCustomerId: r.stripe_customer_id,
    stripeSubscriptionId: r.stripe_subscription_id,
  };
}

/** A credit_ledger row → LedgerEntry. */
export function toLedgerEntry(r: Selectable<CreditLedgerTable>): LedgerEntry {
  return {
    id: r.id,
    tenantId: r.tenant_id,
    kind: r.kind as LedgerKind,
    amountNano: Number(r.amount_nano),
    description: r.description,
    reference: r.reference,
    createdAt: Number(r.created_at),
  };
}

/** A redemption_codes row → RedemptionCode (the hash stays in the store). */
export function toRedemptionCode(r: Selectable<RedemptionCodesTable>): RedemptionCode {
  return {
    id: r.id,
    valueNano: Number(r.value_nano),
    expiresAt: num(r.expires_at),
    maxUses: Number(r.max_uses),
    uses: Number(r.uses),
    note: r.note,
    createdAt: Number(r.created_at),
  };
}

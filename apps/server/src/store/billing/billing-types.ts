/** An installation-wide plan: the models it includes, its default limits and its included quota. */
export interface Plan {
  id: string;
  name: string;
  /** Model patterns (auth/model-pattern.ts) a tenant on this plan may use. */
  models: string[];
  /** Tenant-wide rate limits on top of the tenant's own (billing/plan-limits.ts). */
  rpm: number | null;
  tpm: number | null;
  concurrency: number | null;
  /** Included per month: nano-USD credited on each paid invoice; tokens enforced as a monthly quota. */
  includedNano: number | null;
  includedTokens: number | null;
  /** The Stripe price a subscription to this plan uses. */
  stripePriceId: string | null;
  createdAt: number;
  updatedAt: number;
}

export type PlanInput = Omit<Plan, "id" | "createdAt" | "updatedAt">;
export type PlanPatch = Partial<PlanInput>;

/** A tenant's billing settings and credit counters (nano-USD). */
export interface TenantBilling {
  tenantId: string;
  planId: string | null;
  prepaid: boolean;
  /** The sum of the tenant's ledger entries. */
  ledgerNano: number;
  /** Spend settled since the last aggregated debit entry. */
  unflushedNano: number;
  /** Holds of requests in flight. */
  reservedNano: number;
  /** What a new request may still reserve: ledger − unflushed − reserved. */
  availableNano: number;
  stripeCustomerId: string | null;
  stripeSubscriptionId: string | null;
}

export const LEDGER_KINDS = ["top_up", "debit", "refund", "adjustment", "redemption"] as const;
export type LedgerKind = (typeof LEDGER_KINDS)[number];

/** One credit ledger entry: positive adds credit, negative removes it. */
export interface LedgerEntry {
  id: string;
  tenantId: string;
  kind: LedgerKind;
  amountNano: number;
  description: string;
  /** What caused it (a Stripe event id, a redemption code id); unique per tenant. */
  reference: string | null;
  createdAt: number;
}

export interface LedgerEntryInput {
  kind: LedgerKind;
  amountNano: number;
  description: string;
  reference?: string | null;
}

/** A redemption code as listed: never the code itself, which is shown once and stored hashed. */
export interface RedemptionCode {
  id: string;
  valueNano: number;
  expiresAt: number | null;
  maxUses: number;
  uses: number;
  note: string;
  createdAt: number;
}

export interface RedemptionCodeInput {
  codeHash: string;
  valueNano: number;
  expiresAt: number | null;
  maxUses: number;
  note: string;
}

/** One line of a monthly statement: usage of one workspace and model. */
export interface StatementUsageLine {
  workspaceId: string;
  model: string;
  requests: number;
  inputTokens: number;
  outputTokens: number;
  costNano: number;
}

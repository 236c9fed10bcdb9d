import { z } from "zod";
import { Id, Timestamp } from "./common.js";
import { defineContract } from "./define-contract.js";
import { PageQuery, pageOf } from "./pagination.js";

const tag = "Billing";

/** Nano-USD: integer, 1 USD = 1,000,000,000. */
const Nano = z.number().int().safe();
const ModelPatternList = z.array(z.string().min(1).max(200)).max(200);
const Limit = z.number().int().positive().max(1_000_000_000).nullable();

export const PlanSchema = z.object({
  id: Id,
  name: z.string(),
  /** Model patterns (`gpt-4o`, `anthropic/*`, `*-mini`) a tenant on this plan may use. */
  models: z.array(z.string()),
  /** Default limits stored with the plan; the rate limiter enforces them. */
  rpm: z.number().int().nullable(),
  tpm: z.number().int().nullable(),
  concurrency: z.number().int().nullable(),
  /** Included each month: nano-USD of credit (credited on each paid invoice) and/or tokens. */
  includedNano: Nano.nullable(),
  includedTokens: z.number().int().nullable(),
  stripePriceId: z.string().nullable(),
  createdAt: Timestamp,
  updatedAt: Timestamp,
});

const PlanFields = {
  name: z.string().trim().min(1).max(100),
  models: ModelPatternList,
  rpm: Limit.optional(),
  tpm: Limit.optional(),
  concurrency: Limit.optional(),
  includedNano: Nano.nonnegative().nullable().optional(),
  includedTokens: z.number().int().nonnegative().safe().nullable().optional(),
  stripePriceId: z.string().min(1).max(200).nullable().optional(),
};

export const BillingSchema = z.object({
  tenantId: Id,
  plan: PlanSchema.nullable(),
  /** Requests are admitted only while the prepaid balance covers their largest cost. */
  prepaid: z.boolean(),
  balance: z.object({
    /** What new requests may still reserve: ledger − unflushed − reserved. */
    availableNano: Nano,
    /** The sum of the ledger's entries. */
    ledgerNano: Nano,
    /** Spend settled since the last aggregated debit entry. */
    unflushedNano: Nano,
    /** Holds of requests in flight. */
    reservedNano: Nano,
  }),
});

export const LedgerEntrySchema = z.object({
  id: Id,
  kind: z.enum(["top_up", "debit", "refund", "adjustment", "redemption"]),
  amountNano: Nano,
  description: z.string(),
  reference: z.string().nullable(),
  createdAt: Timestamp,
});

export const RedemptionCodeSchema = z.object({
  id: Id,
  valueNano: Nano,
  expiresAt: Timestamp.nullable(),
  maxUses: z.number().int(),
  uses: z.number().int(),
  note: z.string(),
  createdAt: Timestamp,
});

const TenantParams = z.object({ tenantId: Id });
const Month = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, "A month is written YYYY-MM.");
const operator = { permission: "billing:manage", operator: true } as const;

export const listPlans = defineContract({
  id: "billing.listPlans",
  method: "GET",
  path: "/api/billing/plans",
  tag,
  summary: "List the installation's plans",
  access: "user",
  query: z.object(PageQuery),
  response: pageOf(PlanSchema),
});

export const createPlan = defineContract({
  id: "billing.createPlan",
  method: "POST",
  path: "/api/billing/plans",
  tag,
  summary: "Create a plan (operator)",
  access: operator,
  body: z.object(PlanFields),
  response: PlanSchema,
  status: 201,
  idempotent: true,
});

export const updatePlan = defineContract({
  id: "billing.updatePlan",
  method: "PATCH",
  path: "/api/billing/plans/:planId",
  tag,
  summary: "Change a plan (operator); tenants on it see the change at once",
  access: operator,
  params: z.object({ planId: Id }),
  body: z.object(PlanFields).partial(),
  response: PlanSchema,
});

export const deletePlan = defineContract({
  id: "billing.deletePlan",
  method: "DELETE",
  path: "/api/billing/plans/:planId",
  tag,
  summary: "Delete a plan no tenant is on (operator)",
  access: operator,
  params: z.object({ planId: Id }),
  response: z.null(),
  status: 204,
});

export const setTenantBilling = defineContract({
  id: "billing.setTenant",
  method: "PUT",
  path: "/api/billing/tenants/:targetTenantId",
  tag,
  summary: "Set a tenant's plan and prepaid setting (operator)",
  access: operator,
  params: z.object({ targetTenantId: Id }),
  body: z.object({ planId: Id.nullable().optional(), prepaid: z.boolean().optional() }),
  response: BillingSchema,
});

export const getBilling = defineContract({
  id: "billing.get",
  method: "GET",
  path: "/api/tenants/:tenantId/billing",
  tag,
  summary: "The tenant's plan, prepaid setting and credit balance",
  access: { permission: "billing:read" },
  params: TenantParams,
  response: BillingSchema,
});

export const listLedger = defineContract({
  id: "billing.listLedger",
  method: "GET",
  path: "/api/tenants/:tenantId/billing/ledger",
  tag,
  summary: "The credit ledger (newest first)",
  access: { permission: "billing:read" },
  params: TenantParams,
  query: z.object(PageQuery),
  response: pageOf(LedgerEntrySchema),
});

export const createCheckout = defineContract({
  id: "billing.createCheckout",
  method: "POST",
  path: "/api/tenants/:tenantId/billing/checkout",
  tag,
  summary: "Start a Stripe Checkout: a credit top-up or a plan subscription",
  description: "Answers the Checkout URL to send the customer to. A top-up is whole cents, 0.50–10,000 USD.",
  access: { permission: "billing:manage" },
  params: TenantParams,
  body: z.discriminatedUnion("kind", [
    z.object({ kind: z.literal("top_up"), amountNano: Nano.positive() }),
    z.object({ kind: z.literal("subscription"), planId: Id }),
  ]),
  response: z.object({ id: z.string(), url: z.string() }),
  status: 201,
  idempotent: true,
});

export const redeemCode = defineContract({
  id: "billing.redeem",
  method: "POST",
  path: "/api/tenants/:tenantId/billing/redeem",
  tag,
  summary: "Redeem a code for credit (once per tenant)",
  access: { permission: "billing:manage" },
  params: TenantParams,
  body: z.object({ code: z.string().trim().min(1).max(100) }),
  response: LedgerEntrySchema,
  status: 201,
});

export const createRedemptionCode = defineContract({
  id: "billing.createCode",
  method: "POST",
  path: "/api/billing/codes",
  tag,
  summary: "Create a redemption code (operator); the code is shown once",
  access: operator,
  body: z.object({
    valueNano: Nano.positive(),
    expiresAt: Timestamp.nullable().optional(),
    maxUses: z.number().int().positive().max(1_000_000).default(1),
    note: z.string().max(200).default(""),
  }),
  response: RedemptionCodeSchema.extend({ code: z.string() }),
  status: 201,
  idempotent: true,
});

export const listRedemptionCodes = defineContract({
  id: "billing.listCodes",
  method: "GET",
  path: "/api/billing/codes",
  tag,
  summary: "List redemption codes, without the codes (operator)",
  access: operator,
  query: z.object(PageQuery),
  response: pageOf(RedemptionCodeSchema),
});

export const statementCsv = defineContract({
  id: "billing.statementCsv",
  method: "GET",
  path: "/api/tenants/:tenantId/billing/statements/:month/csv",
  tag,
  summary: "A month's statement as CSV: usage by workspace and model, credits and debits, totals",
  access: { permission: "billing:read" },
  params: z.object({ tenantId: Id, month: Month }),
  response: z.string(),
  produces: "text/csv",
});

export const statementPdf = defineContract({
  id: "billing.statementPdf",
  method: "GET",
  path: "/api/tenants/:tenantId/billing/statements/:month/pdf",
  tag,
  summary: "A month's statement as PDF",
  access: { permission: "billing:read" },
  params: z.object({ tenantId: Id, month: Month }),
  response: z.instanceof(Uint8Array),
  produces: "application/pdf",
});

export const stripeWebhook = defineContract({
  id: "billing.stripeWebhook",
  method: "POST",
  path: "/api/billing/stripe/webhook",
  tag,
  summary: "Stripe's webhook (signature-verified with STRIPE_WEBHOOK_SECRET; events applied once)",
  access: "public",
  rawBody: true,
  response: z.object({ received: z.literal(true), outcome: z.enum(["applied", "replayed", "ignored"]) }),
});

export const BILLING_CONTRACTS = [
  listPlans,
  createPlan,
  updatePlan,
  deletePlan,
  setTenantBilling,
  getBilling,
  listLedger,
  createCheckout,
  redeemCode,
  createRedemptionCode,
  listRedemptionCodes,
  statementCsv,
  statementPdf,
  stripeWebhook,
] as const;

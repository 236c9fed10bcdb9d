import { z } from "zod";
import { Empty, Id, Timestamp } from "./common.js";
import { defineContract } from "./define-contract.js";
import { PageQuery, pageOf } from "./pagination.js";

const tag = "Budgets";

const ScopeKind = z.enum(["key", "user", "workspace", "tenant"]);
const Metric = z.enum(["cost", "tokens"]);
const Period = z.enum(["daily", "weekly", "monthly", "total"]);
/** nano-USD for `cost` (1 USD = 1e9), tokens for `tokens`; at most 9 million USD. */
const Limit = z.number().int().min(0).max(9_000_000_000_000_000);

export const BudgetSchema = z.object({
  id: Id,
  tenantId: Id,
  scopeKind: ScopeKind,
  /** The key, user or workspace id; the tenant's id for a tenant budget. */
  scopeId: Id,
  /** `cost`: a spend cap in nano-USD; `tokens`: a token quota (input + output). */
  metric: Metric,
  /** UTC; weeks start on Monday (ISO); `total` never resets. */
  period: Period,
  limit: z.number().int(),
  /** `member` when a key's owner set a lower cap on their own key. */
  setBy: z.enum(["admin", "member"]),
  /** The current period: its start and end (null for `total`), settled spend and open reservations. */
  current: z.object({
    periodStart: Timestamp,
    periodEnd: Timestamp.nullable(),
    spent: z.number().int(),
    reserved: z.number().int(),
  }),
  createdAt: Timestamp,
  updatedAt: Timestamp,
});

const BudgetParams = z.object({ tenantId: Id, budgetId: Id });

export const listBudgets = defineContract({
  id: "budgets.list",
  method: "GET",
  path: "/api/tenants/:tenantId/budgets",
  tag,
  summary: "List budgets and quotas with the current period's spend and reservations",
  access: { permission: "billing:read" },
  params: z.object({ tenantId: Id }),
  query: z.object({ ...PageQuery, scopeKind: ScopeKind.optional(), scopeId: Id.optional() }),
  response: pageOf(BudgetSchema),
});

export const createBudget = defineContract({
  id: "budgets.create",
  method: "POST",
  path: "/api/tenants/:tenantId/budgets",
  tag,
  summary: "Cap the spend (nano-USD) or tokens of a key, user, workspace or the tenant per period",
  description:
    "Every budget that applies to a request is reserved before the upstream call: a request that could pass one is refused (402 budget_exceeded, 429 quota_exceeded). A tenant budget needs no scopeId.",
  access: { permission: "billing:manage" },
  params: z.object({ tenantId: Id }),
  body: z.object({
    scopeKind: ScopeKind,
    scopeId: Id.optional(),
    metric: Metric,
    period: Period,
    limit: Limit,
  }),
  response: BudgetSchema,
  idempotent: true,
});

export const updateBudget = defineContract({
  id: "budgets.update",
  method: "PATCH",
  path: "/api/tenants/:tenantId/budgets/:budgetId",
  tag,
  summary: "Change a budget's cap (it applies to the current period at once)",
  access: { permission: "billing:manage" },
  params: BudgetParams,
  body: z.object({ limit: Limit }),
  response: BudgetSchema,
});

export const deleteBudget = defineContract({
  id: "budgets.delete",
  method: "DELETE",
  path: "/api/tenants/:tenantId/budgets/:budgetId",
  tag,
  summary: "Delete a budget",
  access: { permission: "billing:manage" },
  params: BudgetParams,
  response: Empty,
  status: 204,
});

export const setKeyBudget = defineContract({
  id: "budgets.setKeyCap",
  method: "PUT",
  path: "/api/tenants/:tenantId/keys/:keyId/budget",
  tag,
  summary: "Set a lower cap on your own key (never above a cap an admin set on it or on its workspace)",
  description: "Members may cap their own keys; keys:manage caps any key of the workspace the same way.",
  access: { permission: "keys:create" },
  params: z.object({ tenantId: Id, keyId: Id }),
  body: z.object({ metric: Metric, period: Period, limit: Limit }),
  response: BudgetSchema,
});

export const BudgetWebhookSchema = z.object({
  url: z.string().nullable(),
  updatedAt: Timestamp.nullable(),
});

export const getBudgetWebhook = defineContract({
  id: "budgets.getWebhook",
  method: "GET",
  path: "/api/tenants/:tenantId/budget-webhook",
  tag,
  summary:
    "The webhook notified when spend crosses 50, 80 and 100 % of a budget (its secret is never shown again)",
  access: { permission: "billing:read" },
  params: z.object({ tenantId: Id }),
  response: BudgetWebhookSchema,
});

export const putBudgetWebhook = defineContract({
  id: "budgets.putWebhook",
  method: "PUT",
  path: "/api/tenants/:tenantId/budget-webhook",
  tag,
  summary: "Set the threshold webhook's URL; a new signing secret is answered, only here",
  description:
    'Each POST carries `gatehouse-signature: t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<body>">` (docs/budgets.md).',
  access: { permission: "billing:manage" },
  params: z.object({ tenantId: Id }),
  body: z.object({ url: z.url({ protocol: /^https?$/ }).max(2000) }),
  response: z.object({ url: z.string(), secret: z.string(), updatedAt: Timestamp }),
});

export const deleteBudgetWebhook = defineContract({
  id: "budgets.deleteWebhook",
  method: "DELETE",
  path: "/api/tenants/:tenantId/budget-webhook",
  tag,
  summary: "Stop sending threshold webhooks",
  access: { permission: "billing:manage" },
  params: z.object({ tenantId: Id }),
  response: Empty,
  status: 204,
});

/** At most this many budgets per scope are answered by budgets.mine (any number may cap one scope). */
export const MY_BUDGETS_PER_SCOPE = 50;

export const myBudgets = defineContract({
  id: "budgets.mine",
  method: "GET",
  path: "/api/tenants/:tenantId/workspaces/:workspaceId/my-budgets",
  tag,
  summary: "The budgets and quotas that apply to the signed-in user's chat and playground answers here",
  description:
    "Read-only, for a member who may use models but not read the tenant's budgets (billing:read): the " +
    "budgets on the tenant, on this workspace, on the caller, and on the caller's playground key in this " +
    `workspace, with the current period's spend; at most ${MY_BUDGETS_PER_SCOPE} per scope, not paginated. ` +
    "Needs models:use in the workspace and a signed-in user (an API key gets 403).",
  access: { permission: "models:use" },
  params: z.object({ tenantId: Id, workspaceId: Id }),
  response: z.object({ items: z.array(BudgetSchema) }),
});

export const BUDGET_CONTRACTS = [
  listBudgets,
  myBudgets,
  createBudget,
  updateBudget,
  deleteBudget,
  setKeyBudget,
  getBudgetWebhook,
  putBudgetWebhook,
  deleteBudgetWebhook,
] as const;

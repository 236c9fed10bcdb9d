import { z } from "zod";
import { Empty, Id, Timestamp } from "./common.js";
import { defineContract } from "./define-contract.js";
import { ModelPattern } from "./model-patterns.js";
import { PageQuery, pageOf } from "./pagination.js";

const tag = "Rate limits";

/** What a limit applies to: the tenant, one of its workspaces, users or API keys. */
export const LimitScopeKind = z.enum(["tenant", "workspace", "user", "key"]);

/** A positive whole number (at most 10^12), or null for "not limited". */
const Amount = z.number().int().min(1).max(1_000_000_000_000).nullable();

export const RateLimitSchema = z.object({
  id: Id,
  tenantId: Id,
  scopeKind: LimitScopeKind,
  /** The workspace, user or key id; the tenant id for a tenant-wide limit. */
  scopeId: Id,
  /** A model name or pattern (`*` matches any run of characters); null for every model. */
  model: ModelPattern.nullable(),
  /** Requests per minute (sliding 60-second window). */
  rpm: Amount,
  /** Tokens, input plus output, per minute (sliding 60-second window). */
  tpm: Amount,
  /** Requests in flight at once. */
  concurrency: Amount,
  createdAt: Timestamp,
  updatedAt: Timestamp,
});

/** What a limit's counters hold now (at most its limit); null for a value the limit does not set. */
export const RateLimitUseSchema = z.object({
  /** Requests admitted in the last 60 seconds. */
  requests: z.number().int().nonnegative().nullable(),
  /** Tokens counted in the last 60 seconds (reservations of requests still running included). */
  tokens: z.number().int().nonnegative().nullable(),
  /** Requests in flight. */
  concurrent: z.number().int().nonnegative().nullable(),
});

/** A limit as listed: with its current use (shared across instances when Redis is configured). */
export const ListedRateLimitSchema = RateLimitSchema.extend({ use: RateLimitUseSchema });

const Values = {
  model: ModelPattern.nullable().optional(),
  rpm: Amount.optional(),
  tpm: Amount.optional(),
  concurrency: Amount.optional(),
};
const LimitParams = z.object({ tenantId: Id, limitId: Id });
const WHO =
  "Tenant and user limits need tenant:update; workspace and key limits keys:manage in the workspace; " +
  "a member may put a limit on a key of their own (keys:create there) and only lower it afterwards.";

export const listRateLimits = defineContract({
  id: "rateLimits.list",
  method: "GET",
  path: "/api/tenants/:tenantId/rate-limits",
  tag,
  summary: "List the tenant's rate limits with their current use (needs keys:read across the tenant)",
  access: { permission: "keys:read" },
  params: z.object({ tenantId: Id }),
  query: z.object({ ...PageQuery, scopeKind: LimitScopeKind.optional(), scopeId: Id.optional() }),
  response: pageOf(ListedRateLimitSchema),
});

export const createRateLimit = defineContract({
  id: "rateLimits.create",
  method: "POST",
  path: "/api/tenants/:tenantId/rate-limits",
  tag,
  summary: "Set a rate limit on the tenant, a workspace, a user or a key, for every model or some",
  description: `A request is held to every limit it falls under; one scope has one limit per model pattern. ${WHO}`,
  access: { permission: "keys:create" },
  params: z.object({ tenantId: Id }),
  body: z.object({ scopeKind: LimitScopeKind, scopeId: Id, ...Values }),
  response: RateLimitSchema,
  status: 201,
});

export const updateRateLimit = defineContract({
  id: "rateLimits.update",
  method: "PATCH",
  path: "/api/tenants/:tenantId/rate-limits/:limitId",
  tag,
  summary: "Change a rate limit's model pattern or values (null removes one value)",
  description: WHO,
  access: { permission: "keys:create" },
  params: LimitParams,
  body: z.object(Values),
  response: RateLimitSchema,
});

export const deleteRateLimit = defineContract({
  id: "rateLimits.delete",
  method: "DELETE",
  path: "/api/tenants/:tenantId/rate-limits/:limitId",
  tag,
  summary: "Remove a rate limit",
  description: "Tenant and user limits need tenant:update; workspace and key limits keys:manage.",
  access: { permission: "keys:create" },
  params: LimitParams,
  response: Empty,
  status: 204,
});

export const RATE_LIMIT_CONTRACTS = [
  listRateLimits,
  createRateLimit,
  updateRateLimit,
  deleteRateLimit,
] as const;

import type { Page, PageRequest } from "../tenancy-types.js";

/** What a rate limit applies to: the whole tenant, or one of its workspaces, users or API keys. */
export type LimitScopeKind = "tenant" | "workspace" | "user" | "key";

export const LIMIT_SCOPE_KINDS: readonly LimitScopeKind[] = ["tenant", "workspace", "user", "key"];

/**
 * One rate limit of a tenant (docs/limits.md). A request is held to every limit whose scope it falls in
 * (its tenant, workspace, user, key) and whose model pattern matches the model it asks for. Each of
 * `rpm`, `tpm`, `concurrency` is a positive integer or null (not limited).
 */
export interface RateLimitRule {
  id: string;
  tenantId: string;
  scopeKind: LimitScopeKind;
  /** The workspace, user or key id; the tenant id for a tenant-wide limit. */
  scopeId: string;
  /** A model name or pattern (`*` matches any run of characters: `gpt-4o*`); null for every model. */
  model: string | null;
  /** Requests per minute (sliding 60 s window). */
  rpm: number | null;
  /** Tokens (input + output) per minute (sliding 60 s window). */
  tpm: number | null;
  /** Requests in flight at once. */
  concurrency: number | null;
  createdAt: number;
  updatedAt: number;
}

export interface RateLimitInput {
  scopeKind: LimitScopeKind;
  scopeId: string;
  model?: string | null;
  rpm?: number | null;
  tpm?: number | null;
  concurrency?: number | null;
}

/** The values a rate limit's update may change (its scope stays). */
export interface RateLimitPatch {
  model?: string | null;
  rpm?: number | null;
  tpm?: number | null;
  concurrency?: number | null;
}

/** What a listing of rate limits may be narrowed to. */
export interface RateLimitFilter {
  scopeKind?: LimitScopeKind;
  scopeId?: string;
}

/** A tenant's rate limits (createRateLimitsRepo). */
export interface RateLimitsRepo {
  /** `not_found` when the scope is not the tenant's; `conflict` when its scope already has a limit for that model. */
  create(input: RateLimitInput): Promise<RateLimitRule>;
  get(id: string): Promise<RateLimitRule | undefined>;
  list(page: PageRequest, filter?: RateLimitFilter): Promise<Page<RateLimitRule>>;
  /** Every limit of the tenant, for the hot path's snapshot (one indexed read). */
  all(): Promise<RateLimitRule[]>;
  /** undefined when absent in the tenant; an empty patch answers it unchanged, with no bump. */
  update(id: string, patch: RateLimitPatch): Promise<RateLimitRule | undefined>;
  remove(id: string): Promise<boolean>;
}

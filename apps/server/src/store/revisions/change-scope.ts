/**
 * What a configuration change touched, so instances rebuild only that part of their snapshots:
 * - `keys`: API keys (create, update, revoke, rotate, expire) and what a key's grant reads (its workspace);
 * - `catalog`: models, deployments, routes, prices (rebuilt from the tenant's already-open credentials);
 * - `credentials`: providers (the tenant's credentials are decrypted again);
 * - `permissions`: roles, memberships, workspace memberships, service accounts;
 * - `limits`: rate limits (the hot path's rate-limit snapshot);
 * - `budgets`: budgets and quotas (the in-memory budget snapshot reloads that tenant's);
 * - `billing`: a tenant's plan and prepaid setting (tenant `_plans`: the installation-wide plans).
 */
export type ChangeKind =
  | "keys"
  | "catalog"
  | "credentials"
  | "permissions"
  | "limits"
  | "budgets"
  | "billing";

export const CHANGE_KINDS: readonly ChangeKind[] = [
  "keys",
  "catalog",
  "credentials",
  "permissions",
  "limits",
  "budgets",
  "billing",
];

/** One changed scope, as the poller reads it and the change bus carries it. */
export interface ChangeScope {
  tenantId: string;
  kind: ChangeKind;
}

/** A changed scope with the global change sequence of its last change. */
export interface ScopedChange extends ChangeScope {
  seq: number;
}

/**
 * What changed after a given sequence: the scopes, and `everything` when an unscoped (compatibility)
 * bump happened, which asks for a full rebuild.
 */
export interface ChangesSince {
  /** The global change sequence read; pass it to the next call. */
  sequence: number;
  changes: ScopedChange[];
  everything: boolean;
}

/** The tenant id of the compatibility scope written by {@link bumpRevision}: "rebuild everything". */
export const ALL_TENANTS = "*";

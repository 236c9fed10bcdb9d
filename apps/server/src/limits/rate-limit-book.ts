import type { Principal } from "../domain/principal.js";
import type { LimitScopeKind, RateLimitRule } from "../store/rate-limits/rate-limit-types.js";
import type { Store } from "../store/store.js";
import { modelMatcher } from "./model-pattern.js";

/** A rule with its compiled model pattern. */
interface BookEntry {
  readonly rule: RateLimitRule;
  readonly matches: (model: string | undefined) => boolean;
}

/** One tenant's rules by scope (`kind:id`). */
type TenantRules = ReadonlyMap<string, readonly BookEntry[]>;

const NONE: readonly RateLimitRule[] = Object.freeze([]);

/**
 * The hot path's snapshot of rate limits: every tenant's rules in memory, indexed by scope, so admitting
 * a request reads no database (at most four map lookups). Built once from the store, then one tenant at a
 * time when its `limits` revision moves (SnapshotUpdater). A tenant's part is replaced whole, so a
 * request sees either the old rules or the new ones.
 *
 * @example
 * const book = await RateLimitBook.load(store);
 * const rules = book.applicable(principal, "gpt-4o");
 */
export class RateLimitBook {
  private tenants = new Map<string, TenantRules>();

  /** A book of every tenant's rules. */
  static async load(store: Pick<Store, "rateLimits">): Promise<RateLimitBook> {
    const book = new RateLimitBook();
    book.replaceAll(await store.rateLimits.listAll());
    return book;
  }

  /** Replaces every tenant's rules. */
  replaceAll(rules: readonly RateLimitRule[]): void {
    const byTenant = new Map<string, RateLimitRule[]>();
    for (const r of rules) byTenant.set(r.tenantId, [...(byTenant.get(r.tenantId) ?? []), r]);
    const next = new Map<string, TenantRules>();
    for (const [tenantId, list] of byTenant) next.set(tenantId, indexed(list));
    this.tenants = next;
  }

  /** Replaces one tenant's rules (an empty list forgets the tenant). */
  replaceTenant(tenantId: string, rules: readonly RateLimitRule[]): void {
    if (rules.length === 0) this.tenants.delete(tenantId);
    else this.tenants.set(tenantId, indexed(rules));
  }

  /** Reloads one tenant's rules from the store. */
  async reloadTenant(store: Pick<Store, "forTenant">, tenantId: string): Promise<void> {
    this.replaceTenant(tenantId, await store.forTenant(tenantId).rateLimits.all());
  }

  /** Every rule the request falls under: its tenant's, workspace's, user's and key's, for its model. */
  applicable(
    principal: Pick<Principal, "id" | "tenantId" | "workspaceId" | "userId">,
    model: string | undefined,
  ): readonly RateLimitRule[] {
    const rules = this.tenants.get(principal.tenantId);
    if (rules === undefined) return NONE;
    const out: RateLimitRule[] = [];
    const scopes: [LimitScopeKind, string | null][] = [
      ["tenant", principal.tenantId],
      ["workspace", principal.workspaceId],
      ["user", principal.userId],
      ["key", principal.id],
    ];
    for (const [kind, id] of scopes) {
      if (id === null) continue;
      for (const e of rules.get(`${kind}:${id}`) ?? []) if (e.matches(model)) out.push(e.rule);
    }
    return out;
  }
}

function indexed(rules: readonly RateLimitRule[]): TenantRules {
  const map = new Map<string, BookEntry[]>();
  for (const rule of rules) {
    const key = `${rule.scopeKind}:${rule.scopeId}`;
    map.set(key, [...(map.get(key) ?? []), { rule, matches: modelMatcher(rule.model) }]);
  }
  return map;
}

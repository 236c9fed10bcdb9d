import type { Budget, BudgetScopeKind } from "../domain/budget.js";

/** Whose request it is, as the budgets see it. */
export interface BudgetSubject {
  tenantId: string;
  workspaceId: string;
  userId: string | null;
  keyId: string;
}

type TenantPart = ReadonlyMap<string, readonly Budget[]>;

const NONE: readonly Budget[] = Object.freeze([]);

/**
 * The in-memory snapshot of budget definitions (no database read per request): per tenant, budgets by
 * scope. Immutable: a change in one tenant builds a new book that shares every other tenant's part
 * ({@link BudgetBook.withTenant}), the way the routing catalog does.
 *
 * @example
 * const book = BudgetBook.of(await store.budgets.listAll());
 * book.applicable({ tenantId, workspaceId, userId, keyId }); // the key's, user's, workspace's, tenant's
 */
export class BudgetBook {
  private constructor(private readonly tenants: ReadonlyMap<string, TenantPart>) {}

  static empty(): BudgetBook {
    return new BudgetBook(new Map());
  }

  /** A book of these budgets (any tenants). */
  static of(budgets: readonly Budget[]): BudgetBook {
    const byTenant = new Map<string, Budget[]>();
    for (const b of budgets) byTenant.set(b.tenantId, [...(byTenant.get(b.tenantId) ?? []), b]);
    return new BudgetBook(new Map([...byTenant].map(([t, list]) => [t, partOf(list)])));
  }

  /** The same book with one tenant's budgets replaced. */
  withTenant(tenantId: string, budgets: readonly Budget[]): BudgetBook {
    const tenants = new Map(this.tenants);
    if (budgets.length === 0) tenants.delete(tenantId);
    else tenants.set(tenantId, partOf(budgets));
    return new BudgetBook(tenants);
  }

  /** Every budget that counts this request: its key's, its user's, its workspace's and its tenant's. */
  applicable(s: BudgetSubject): readonly Budget[] {
    const part = this.tenants.get(s.tenantId);
    if (part === undefined) return NONE;
    const out: Budget[] = [];
    const add = (kind: BudgetScopeKind, id: string | null) => {
      if (id !== null) for (const b of part.get(scopeKey(kind, id)) ?? NONE) out.push(b);
    };
    add("key", s.keyId);
    add("user", s.userId);
    add("workspace", s.workspaceId);
    add("tenant", s.tenantId);
    return out;
  }
}

function partOf(budgets: readonly Budget[]): TenantPart {
  const part = new Map<string, Budget[]>();
  for (const b of budgets) {
    const key = scopeKey(b.scopeKind, b.scopeId);
    part.set(key, [...(part.get(key) ?? []), b]);
  }
  return part;
}

function scopeKey(kind: BudgetScopeKind, id: string): string {
  return `${kind}:${id}`;
}

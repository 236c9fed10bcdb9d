/** How often a budget's counter starts again at zero (UTC; weeks are ISO weeks, starting on Monday). */
export type BudgetPeriod = "daily" | "weekly" | "monthly" | "total";

export const BUDGET_PERIODS: readonly BudgetPeriod[] = ["daily", "weekly", "monthly", "total"];

/** Whose requests a budget counts: one API key, a user's keys, a workspace's keys, or the whole tenant. */
export type BudgetScopeKind = "key" | "user" | "workspace" | "tenant";

export const BUDGET_SCOPE_KINDS: readonly BudgetScopeKind[] = ["key", "user", "workspace", "tenant"];

/** What a budget caps: spend in nano-USD (a budget) or tokens, input plus output (a quota). */
export type BudgetMetric = "cost" | "tokens";

/**
 * A spend cap (metric `cost`, nano-USD) or a token quota (metric `tokens`) over one scope and period.
 * `setBy` is `member` when a key's owner lowered their own key's cap; admins' budgets are `admin`.
 */
export interface Budget {
  id: string;
  tenantId: string;
  scopeKind: BudgetScopeKind;
  /** The key, user or workspace id; the tenant id for a tenant budget. */
  scopeId: string;
  metric: BudgetMetric;
  period: BudgetPeriod;
  /** The cap: nano-USD for `cost`, tokens for `tokens`. */
  limit: number;
  setBy: "admin" | "member";
  /**
   * Set on a budget derived from the tenant's plan (its included tokens), not stored with the budgets:
   * the plan's name, for the refusal's message. Derived budgets send no threshold notices.
   */
  plan?: string;
  createdAt: number;
  updatedAt: number;
}

/** One counter: a budget in one period (a new period is a new counter that starts at zero). */
export interface CounterKey {
  budgetId: string;
  /** The period's first millisecond (UTC); 0 for `total`. */
  periodStart: number;
}

/** What a counter holds: settled spend and open reservations, in the budget's unit. */
export interface CounterState {
  spent: number;
  reserved: number;
}

/** One budget a reservation holds against: its counter, the cap to respect, the amount held. */
export interface HoldLine extends CounterKey {
  tenantId: string;
  limit: number;
  amount: number;
}

/** A reservation asked for: every line is held, or none (all-or-nothing). */
export interface ReservationRequest {
  id: string;
  lines: readonly HoldLine[];
  /** When a sweeper may release it (its instance is presumed dead): well after any request ends. */
  expiresAt: number;
}

/** A reservation's answer: held, or refused because line `refused` would pass its cap. */
export type ReserveResult = { ok: true } | { ok: false; refused: number };

/**
 * The reservation ledger (DESIGN.md invariant 2): spent + reserved ≤ limit on every counter at all times,
 * each reservation closed exactly once (settle, or expiry by the sweeper), settled spend = the sum of the
 * actual amounts settled. Implementations: SQL (SQLite and PostgreSQL, a conditional UPDATE) and Redis
 * (one Lua script), sharing one conformance suite.
 */
export interface ReservationLedger {
  /** Holds every line's amount, or nothing when one line would pass its cap. */
  reserve(request: ReservationRequest): Promise<ReserveResult>;
  /**
   * Closes a reservation: line i's counter moves `actual[i]` (0 when absent, so `settle(id, [])` releases)
   * from reserved to spent and the rest of its hold is released. Answers the lines' counters after the
   * settlement, in the reservation's line order; undefined when the reservation is unknown or already
   * closed (settled, or expired by the sweeper): then nothing changes.
   */
  settle(id: string, actual: readonly number[]): Promise<CounterState[] | undefined>;
  /** Releases every reservation whose expiry is at or before `now` (a crashed instance's holds); how many. */
  expire(now: number): Promise<number>;
  /** The counters' states, in order (zeros for a counter never used). */
  read(keys: readonly CounterKey[]): Promise<CounterState[]>;
}

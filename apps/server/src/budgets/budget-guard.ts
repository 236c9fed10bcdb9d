import { GatewayError } from "@gatehouse/protocol";
import type { Budget, HoldLine, ReservationLedger } from "../domain/budget.js";
import type { BudgetBook, BudgetSubject } from "./budget-book.js";
import { periodEnd, periodStart } from "./period-start.js";

/** One request's largest possible use: what is reserved before the upstream call. */
export interface BudgetAsk extends BudgetSubject {
  requestId: string;
  /** The request's largest possible cost, nano-USD. */
  maxCostNano: number;
  /** Its largest possible tokens (prompt + output cap). */
  maxTokens: number;
}

/** A request's open reservation; `settle` is called once with what it actually used. */
export interface BudgetHold {
  /** Settles the actual cost and tokens (the rest is released); never throws, later calls do nothing. */
  settle(costNano: number, tokens: number): void;
}

/** One budget of a settled reservation, for threshold notices: what moved and the counter after it. */
export interface SettledLine {
  budget: Budget;
  periodStart: number;
  amount: number;
  /** The counter's settled spend after this settlement. */
  spent: number;
}

export interface BudgetGuardOptions {
  ledger: ReservationLedger;
  /** The current snapshot of budget definitions (read on every request: swap it to apply a change). */
  book: () => BudgetBook;
  /** Budgets that are not stored as budgets but apply too (a plan's included tokens: billing/plan-limits.ts). */
  derived?: (subject: BudgetSubject) => readonly Budget[];
  now: () => number;
  /** How long a hold lives before the sweeper may release it (longer than any request), ms. */
  holdMs?: number;
  /** A ledger failure (the request is admitted: availability over strictness, see docs/budgets.md). */
  onError: (err: unknown, what: string) => void;
  /** Called after a settlement with the lines that moved spend (threshold notices). */
  onSettled?: (lines: readonly SettledLine[]) => void;
}

const NOTHING_HELD: BudgetHold = Object.freeze({ settle() {} });

/**
 * Reserves a request's largest possible cost and tokens against every budget and quota that applies
 * (key, user, workspace, tenant) in one all-or-nothing ledger call, and refuses the request when one would
 * pass its cap: `budget_exceeded` (402) for spend, `quota_exceeded` (429, retry-after the period's end)
 * for tokens, naming the budget's scope and period. A request no budget applies to touches no ledger.
 *
 * @example
 * const hold = await guard.reserve({ requestId, tenantId, workspaceId, userId, keyId, maxCostNano, maxTokens });
 * // ... upstream call ...
 * hold.settle(actualCostNano, actualTokens);
 */
export class BudgetGuard {
  private readonly holdMs: number;

  constructor(private readonly options: BudgetGuardOptions) {
    this.holdMs = options.holdMs ?? 30 * 60_000;
  }

  async reserve(ask: BudgetAsk): Promise<BudgetHold> {
    const budgets = this.applicable(ask);
    if (budgets.length === 0) return NOTHING_HELD;
    const now = this.options.now();
    const lines: HoldLine[] = budgets.map((b) => ({
      tenantId: b.tenantId,
      budgetId: b.id,
      periodStart: periodStart(b.period, now),
      limit: b.limit,
      amount: b.metric === "cost" ? ask.maxCostNano : ask.maxTokens,
    }));
    let result: Awaited<ReturnType<ReservationLedger["reserve"]>>;
    try {
      result = await this.options.ledger.reserve({ id: ask.requestId, lines, expiresAt: now + this.holdMs });
    } catch (err) {
      this.options.onError(err, "budget reservation failed; request admitted without one");
      return NOTHING_HELD;
    }
    if (!result.ok) throw refusal(budgets[result.refused]!, now);
    return this.holdOf(ask.requestId, budgets, lines);
  }

  private applicable(ask: BudgetAsk): readonly Budget[] {
    const stored = this.options.book().applicable(ask);
    const derived = this.options.derived?.(ask);
    return derived === undefined || derived.length === 0 ? stored : [...stored, ...derived];
  }

  /** Releases expired holds (a crashed instance's); returns how many. */
  sweep(): Promise<number> {
    return this.options.ledger.expire(this.options.now());
  }

  private holdOf(id: string, budgets: readonly Budget[], lines: readonly HoldLine[]): BudgetHold {
    let settled = false;
    return {
      settle: (costNano, tokens) => {
        if (settled) return;
        settled = true;
        const actual = budgets.map((b) => Math.max(0, Math.round(b.metric === "cost" ? costNano : tokens)));
        this.options.ledger.settle(id, actual).then(
          (after) => {
            if (after && this.options.onSettled)
              this.options.onSettled(
                budgets
                  .map((budget, i) => ({
                    budget,
                    periodStart: lines[i]!.periodStart,
                    amount: actual[i]!,
                    spent: after[i]?.spent ?? 0,
                  }))
                  .filter((line) => line.budget.plan === undefined),
              );
          },
          (err) => this.options.onError(err, "budget settlement failed; the sweeper releases the hold"),
        );
      },
    };
  }
}

/**
 * The refusal of a request over `budget`: which budget (scope and period, never a secret) and when it
 * starts again.
 */
function refusal(budget: Budget, now: number): GatewayError {
  const scope = budget.scopeKind === "tenant" ? "the organization" : `${budget.scopeKind} ${budget.scopeId}`;
  const end = periodEnd(budget.period, now);
  const until = end === undefined ? "" : ` It resets at ${new Date(end).toISOString()}.`;
  if (budget.metric === "cost") {
    const usd = (budget.limit / 1e9).toFixed(2);
    return new GatewayError(
      "budget_exceeded",
      `This request could cost more than what is left of the ${budget.period} budget of ${scope} ($${usd}; budget ${budget.id}).${until}`,
    );
  }
  const quota =
    budget.plan === undefined
      ? `the ${budget.period} token quota of ${scope} (${budget.limit} tokens; budget ${budget.id})`
      : `the ${budget.limit} tokens included each month in the plan "${budget.plan}"`;
  return new GatewayError(
    "quota_exceeded",
    `This request could use more tokens than are left of ${quota}.${until}`,
    end === undefined ? {} : { retryAfterSeconds: Math.max(1, Math.ceil((end - now) / 1000)) },
  );
}

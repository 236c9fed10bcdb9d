import type { Logger } from "pino";
import type { Dispatcher } from "undici";
import type { SecretBox } from "../crypto/secret-box.js";
import type { Budget } from "../domain/budget.js";
import type { SealedSecret } from "../domain/sealed-secret.js";
import { renderEmail } from "../email/email-templates.js";
import { type Mailer, mailerReady } from "../email/mailer.js";
import type { Store } from "../store/store.js";
import type { SettledLine } from "./budget-guard.js";
import { sendWebhook } from "./send-webhook.js";

/** The fractions of a budget whose crossing is announced, in percent. */
export const THRESHOLDS = [50, 80, 100] as const;

export interface ThresholdNotifierOptions {
  store: Pick<Store, "budgets" | "forTenant" | "users">;
  mailer: Mailer | undefined;
  /** The SSRF-guarded dispatcher of tenant-named URLs. */
  dispatcher: Dispatcher;
  secretBox: Pick<SecretBox, "open">;
  /** The console's address, for the email's link. */
  publicUrl: string;
  now: () => number;
  logger: Logger;
  retryDelaysMs?: readonly number[];
}

/**
 * Announces when a budget's settled spend reaches 50, 80 and 100 % of its cap: an email to the tenant's
 * owners and admins and a signed webhook, once per budget, period and threshold across every instance
 * (`budget_notifications` records it; this instance also remembers what it announced, so the common
 * case costs no write). Runs after settlement, never on the hot path; failures are logged.
 *
 * @example
 * const notifier = new ThresholdNotifier({ store, mailer, dispatcher, secretBox, publicUrl, now, logger });
 * guard = new BudgetGuard({ ..., onSettled: (lines) => notifier.settled(lines) });
 */
export class ThresholdNotifier {
  private readonly announced = new Set<string>();
  private pending: Promise<unknown> = Promise.resolve();

  constructor(private readonly o: ThresholdNotifierOptions) {}

  /** Checks the settled lines' budgets (in the background). */
  settled(lines: readonly SettledLine[]): void {
    const moved = lines.filter((l) => l.amount > 0 && l.budget.limit > 0);
    if (moved.length === 0) return;
    const work = this.check(moved).catch((err) =>
      this.o.logger.warn({ err }, "budget threshold check failed"),
    );
    this.pending = Promise.all([this.pending, work]);
  }

  /** Waits for the checks and deliveries started so far (tests, shutdown). */
  async idle(): Promise<void> {
    await this.pending;
  }

  private async check(lines: readonly SettledLine[]): Promise<void> {
    for (const line of lines) {
      const spent = line.spent;
      for (const threshold of THRESHOLDS) {
        if (spent * 100 < line.budget.limit * threshold) break;
        const id = `${line.budget.id}@${line.periodStart}@${threshold}`;
        if (this.announced.has(id)) continue;
        this.announced.add(id);
        const first = await this.o.store.budgets.markNotified(
          line.budget.tenantId,
          line.budget.id,
          line.periodStart,
          threshold,
        );
        if (first) await this.announce(line.budget, line.periodStart, threshold, spent);
      }
    }
  }

  private async announce(
    budget: Budget,
    periodStart: number,
    threshold: number,
    spent: number,
  ): Promise<void> {
    const event = {
      type: "budget.threshold",
      tenantId: budget.tenantId,
      threshold,
      periodStart,
      spent,
      at: this.o.now(),
      budget: {
        id: budget.id,
        scopeKind: budget.scopeKind,
        scopeId: budget.scopeId,
        metric: budget.metric,
        period: budget.period,
        limit: budget.limit,
      },
    };
    await Promise.all([
      this.email(budget, threshold, spent),
      this.webhook(budget.tenantId, JSON.stringify(event)),
    ]);
  }

  private async webhook(tenantId: string, body: string): Promise<void> {
    const hook = await this.o.store.budgets.getWebhook(tenantId);
    if (hook === undefined) return;
    const secret = this.o.secretBox.open(JSON.parse(hook.secretSealed) as SealedSecret);
    const status = await sendWebhook({
      url: hook.url,
      secret,
      body,
      dispatcher: this.o.dispatcher,
      now: this.o.now,
      ...(this.o.retryDelaysMs && { retryDelaysMs: this.o.retryDelaysMs }),
    });
    if (status < 200 || status >= 300)
      this.o.logger.warn({ tenantId, status }, "budget webhook not delivered after retries");
  }

  private async email(budget: Budget, threshold: number, spent: number): Promise<void> {
    if (!mailerReady(this.o.mailer)) return;
    const tenant = this.o.store.forTenant(budget.tenantId);
    const page = { limit: 200, order: "asc" as const };
    const members = [
      ...(await tenant.members.list(page, { role: "owner" })).items,
      ...(await tenant.members.list(page, { role: "admin" })).items,
    ];
    const email = renderEmail("budget_threshold", {
      budget: describe(budget),
      threshold,
      used: amount(budget, spent),
      limit: amount(budget, budget.limit),
      link: `${this.o.publicUrl.replace(/\/$/, "")}/budgets`,
    });
    for (const m of members) {
      const user = await this.o.store.users.findById(m.userId);
      if (user === undefined) continue;
      await this.o.mailer.send({ to: user.email, ...email }).catch((err) => {
        this.o.logger.warn({ err, tenantId: budget.tenantId }, "budget threshold email not sent");
      });
    }
  }
}

function describe(b: Budget): string {
  const scope = b.scopeKind === "tenant" ? "the organization" : `${b.scopeKind} ${b.scopeId}`;
  return `the ${b.period} ${b.metric === "cost" ? "budget" : "token quota"} of ${scope}`;
}

function amount(b: Budget, value: number): string {
  return b.metric === "cost" ? `$${(value / 1e9).toFixed(2)}` : `${value} tokens`;
}

import type { Logger } from "pino";
import type { ChangeScope } from "../store/revisions/change-scope.js";
import type { Store } from "../store/store.js";

/** What the watcher drives: scoped updates, or a full rebuild after an unscoped change. */
export interface ChangeApplier {
  apply(scopes: readonly ChangeScope[]): Promise<void>;
  applyAll(): Promise<void>;
}

/**
 * Polls the store for configuration changes made after the last sequence it saw (one indexed query per
 * interval, off the request path) and applies only the changed scopes, so every instance's in-memory
 * snapshots follow changes made by the CLI, the API or another instance. With a change bus the poll is
 * the fallback for a lost message; without one it is the propagation.
 */
export class RevisionWatcher {
  private timer: NodeJS.Timeout | undefined;
  private last = 0;
  private queue: Promise<unknown> = Promise.resolve();
  /** Scopes applied since the last {@link takeApplied}, by "tenant kind" (bounded: tenants × kinds). */
  private applied = new Map<string, ChangeScope>();

  constructor(
    private readonly store: Store,
    private readonly applier: ChangeApplier,
    private readonly logger: Logger,
    private readonly intervalMs = 1_000,
  ) {}

  /**
   * Starts polling from `sequence`: the store's revision read before the snapshots were first built, so
   * a change that raced the build is applied by the first poll.
   */
  start(sequence: number): void {
    this.last = sequence;
    this.timer = setInterval(() => void this.check(), this.intervalMs);
    this.timer.unref();
  }

  /**
   * Checks now (after any check under way) and applies what changed; resolves with the scopes applied
   * (empty when nothing moved or the store failed, which is logged: the previous snapshots keep serving).
   */
  check(): Promise<ChangeScope[]> {
    const run = this.queue.then(() => this.checkOnce());
    this.queue = run.catch(() => {});
    return run;
  }

  /**
   * Checks now, then returns (and forgets) every scope applied since the last call, by this check or by
   * the timer's: what the instance that just wrote must announce. A timer check that ran between the
   * writer's commit and this call applied the writer's change too; it is announced all the same.
   */
  async checkAndTakeApplied(): Promise<ChangeScope[]> {
    await this.check();
    const scopes = [...this.applied.values()];
    this.applied.clear();
    return scopes;
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    await this.queue;
  }

  private async checkOnce(): Promise<ChangeScope[]> {
    try {
      const { sequence, changes, everything } = await this.store.changesSince(this.last);
      if (sequence === this.last) return [];
      if (everything) await this.applier.applyAll();
      else await this.applier.apply(changes);
      this.last = sequence;
      const scopes = changes.map(({ tenantId, kind }) => ({ tenantId, kind }));
      for (const scope of scopes) this.applied.set(`${scope.tenantId} ${scope.kind}`, scope);
      return scopes;
    } catch (err) {
      this.logger.warn({ err }, "configuration refresh failed; serving the previous snapshot");
      return [];
    }
  }
}

import type { Logger } from "pino";
import type { Store } from "../store/store.js";

/**
 * Keeps each API key's last-used time off the hot path: a request only notes the key id in memory; a timer
 * writes the batch every few seconds (and at shutdown), so "last used" is at most one interval stale and a
 * busy key costs one row update per interval, not one per request. Memory is bounded by the number of keys
 * used within one interval.
 *
 * @example
 * const recorder = new LastUsedRecorder(store, logger, Date.now);
 * recorder.start();
 * recorder.touch(key.id);
 */
export class LastUsedRecorder {
  private pending = new Map<string, number>();
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly store: Store,
    private readonly logger: Logger,
    private readonly now: () => number,
    private readonly intervalMs = 5_000,
  ) {}

  touch(keyId: string): void {
    this.pending.set(keyId, this.now());
  }

  start(): void {
    this.timer = setInterval(() => void this.flush(), this.intervalMs);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
    await this.flush();
  }

  /** Writes what was noted since the last flush; a failed write is logged and retried next time. */
  async flush(): Promise<void> {
    if (this.pending.size === 0) return;
    const batch = this.pending;
    this.pending = new Map();
    try {
      await this.store.apiKeys.touchLastUsed([...batch].map(([id, at]) => ({ id, at })));
    } catch (err) {
      this.logger.warn({ err, keys: batch.size }, "could not record keys' last use; will retry");
      for (const [id, at] of batch) if (!this.pending.has(id)) this.pending.set(id, at);
    }
  }
}

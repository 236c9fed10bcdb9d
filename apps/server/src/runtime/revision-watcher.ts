import type { Logger } from "pino";
import type { Store } from "../store/store.js";

/**
 * Polls the store's configuration revision and calls `onChange` when it moves, so every instance's
 * in-memory snapshots follow changes made by the CLI, the API or another instance. One cheap query per
 * interval, off the request path.
 */
export class RevisionWatcher {
  private timer: NodeJS.Timeout | undefined;
  private last = -1;
  private running: Promise<void> | undefined;

  constructor(
    private readonly store: Store,
    private readonly onChange: (revision: number) => Promise<void> | void,
    private readonly logger: Logger,
    private readonly intervalMs = 1_000,
  ) {}

  /** Loads the current revision (calling onChange once) and starts polling. */
  async start(): Promise<void> {
    await this.check();
    this.timer = setInterval(() => {
      this.running ??= this.check().finally(() => {
        this.running = undefined;
      });
    }, this.intervalMs);
    this.timer.unref();
  }

  /** Checks now; resolves after onChange has run when the revision moved. */
  async check(): Promise<void> {
    try {
      const rev = await this.store.revision();
      if (rev === this.last) return;
      await this.onChange(rev);
      this.last = rev;
    } catch (err) {
      this.logger.warn({ err }, "configuration refresh failed; serving the previous snapshot");
    }
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    await this.running;
  }
}

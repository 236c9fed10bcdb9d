import type { UsageRecorder } from "../../../metering/usage-recorder.js";
import type { PendingUsage, UsageFinal } from "../../../store/store-types.js";

/**
 * A UsageRecorder that keeps what it is told in memory, for unit tests of the steps that record usage:
 * `begun` and `finished` in call order. `failBegin` makes the next begins reject, as a database that
 * cannot commit would.
 */
export class MemoryUsageRecorder implements UsageRecorder {
  readonly begun: PendingUsage[] = [];
  readonly finished: UsageFinal[] = [];
  failBegin: Error | undefined;

  async begin(record: PendingUsage): Promise<void> {
    if (this.failBegin) throw this.failBegin;
    this.begun.push(record);
  }

  finish(final: UsageFinal): void {
    this.finished.push(final);
  }

  async flush(): Promise<void> {}

  get backlog(): number {
    return 0;
  }
}

import type { UsageRecorder } from "../../metering/usage-recorder.js";
import type { PendingUsage, UsageFinal } from "../../store/store-types.js";

/** A UsageRecorder that counts the `begin` and `finish` calls of each request id and hands everything to `inner`. */
export class CountingUsageRecorder implements UsageRecorder {
  readonly begins = new Map<string, number>();
  readonly finishes = new Map<string, number>();

  constructor(private readonly inner: UsageRecorder) {}

  begin(record: PendingUsage): Promise<void> {
    this.begins.set(record.id, (this.begins.get(record.id) ?? 0) + 1);
    return this.inner.begin(record);
  }

  finish(final: UsageFinal): void {
    this.finishes.set(final.id, (this.finishes.get(final.id) ?? 0) + 1);
    this.inner.finish(final);
  }

  flush(): Promise<void> {
    return this.inner.flush();
  }

  get backlog(): number {
    return this.inner.backlog;
  }
}

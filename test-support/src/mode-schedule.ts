import type { FaultMode } from "./fault-mode.js";

/**
 * The mode a fake answers in: a base mode plus an optional one for the next N requests only, so a test can
 * say "fail twice, then succeed" to exercise retries.
 *
 * @example
 * const schedule = new ModeSchedule("ok");
 * schedule.set("error-500", 2);
 * [schedule.next(), schedule.next(), schedule.next()]; // ["error-500", "error-500", "ok"]
 */
export class ModeSchedule {
  private base: FaultMode;
  private pending: FaultMode | undefined;
  private remaining = 0;

  constructor(initial: FaultMode) {
    this.base = initial;
  }

  /** Sets the mode for all later requests, or for the next `times` requests only. */
  set(mode: FaultMode, times?: number): void {
    if (times === undefined) {
      this.base = mode;
      this.pending = undefined;
      this.remaining = 0;
      return;
    }
    this.pending = mode;
    this.remaining = Math.max(0, Math.floor(times));
  }

  /** The mode for the next request (consumes one use of a temporary mode). */
  next(): FaultMode {
    if (this.pending !== undefined && this.remaining > 0) {
      this.remaining--;
      return this.pending;
    }
    return this.base;
  }
}

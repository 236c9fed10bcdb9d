import type { EventEmitter } from "node:events";

type Listener = () => void;

/**
 * The abort switch of one upstream exchange, in the EventEmitter shape undici accepts as a request's
 * `signal` (undici's api-request: an EventTarget, or anything with `on`/`once`/`removeListener`).
 * An AbortController per request cost more than it did: Node's EventTarget validates and allocates on
 * every listener, and the sampling heap profiler attributed 39% of the bytes promoted to the old
 * generation under load to AbortSignal objects (bench/README.md, "Findings"). This is a flag and a list.
 */
export class ExchangeAbort {
  aborted = false;
  reason: unknown = undefined;
  private listeners: Listener[] | undefined;

  /** Sets `aborted` and `reason` once and calls the listeners; later calls do nothing. */
  abort(reason?: unknown): void {
    if (this.aborted) return;
    this.aborted = true;
    this.reason = reason;
    const listeners = this.listeners;
    this.listeners = undefined;
    if (listeners) for (const fn of listeners) fn();
  }

  on(_event: "abort", fn: Listener): this {
    if (this.listeners) this.listeners.push(fn);
    else this.listeners = [fn];
    return this;
  }

  /** Listeners run at most once anyway: abort() empties the list. */
  once(event: "abort", fn: Listener): this {
    return this.on(event, fn);
  }

  removeListener(_event: "abort", fn: Listener): this {
    const i = this.listeners?.indexOf(fn) ?? -1;
    if (i !== -1) this.listeners!.splice(i, 1);
    return this;
  }

  /** This switch as the `signal` option of an undici request. */
  get asSignal(): EventEmitter {
    return this as unknown as EventEmitter;
  }
}

/** What relays read of an exchange's abort: whether it happened, and why. */
export type AbortState = Pick<ExchangeAbort, "aborted" | "reason">;

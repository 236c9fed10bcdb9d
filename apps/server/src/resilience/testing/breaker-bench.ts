import type { BreakerPolicy } from "../breaker-policy.js";
import type { BreakerStore } from "../breaker-store.js";
import { type BreakerSnapshot, CircuitBreakers } from "../circuit-breakers.js";
import { type BreakerTarget, CONFORMANCE_T0, type OpenedBreakers } from "./breaker-targets.js";

/** A second gateway instance over the same backend. */
export interface SiblingBreakers {
  store: BreakerStore;
  breakers: CircuitBreakers;
}

/**
 * The workbench of a breaker conformance test: one target's backend, a settable clock `t` that every
 * breaker of the bench reads, and the few verbs the tests repeat.
 *
 * @example
 * const bench = new BreakerBench(target);
 * beforeEach(() => bench.open());
 * afterEach(() => bench.cleanup());
 */
export class BreakerBench {
  /** The time every breaker of the bench sees, Unix ms; tests move it forward. */
  t = CONFORMANCE_T0;
  readonly now = (): number => this.t;
  private opened: OpenedBreakers | undefined;
  private current: CircuitBreakers | undefined;

  constructor(private readonly target: BreakerTarget) {}

  /** Opens a fresh backend (after cleaning up the previous one) with the given policy, at `t = T0`. */
  async open(policy: Partial<BreakerPolicy> = {}): Promise<void> {
    await this.cleanup();
    this.t = CONFORMANCE_T0;
    this.opened = await this.target.open(policy);
    this.current = new CircuitBreakers(this.opened.store, { now: this.now });
  }

  get store(): BreakerStore {
    return this.require().store;
  }

  get breakers(): CircuitBreakers {
    if (this.current === undefined) throw new Error("BreakerBench.open() first");
    return this.current;
  }

  /** A second instance sharing the backend (for memory, the same store). */
  async sibling(): Promise<SiblingBreakers> {
    const store = await this.require().sibling();
    return { store, breakers: new CircuitBreakers(store, { now: this.now }) };
  }

  async fail(id: string, n: number, b = this.breakers): Promise<void> {
    for (let i = 0; i < n; i++) await b.onFailure(id);
  }

  async succeed(id: string, n: number, b = this.breakers): Promise<void> {
    for (let i = 0; i < n; i++) await b.onSuccess(id);
  }

  async snap(id: string, b = this.breakers): Promise<BreakerSnapshot> {
    return (await b.snapshot([id]))[0]!;
  }

  async cleanup(): Promise<void> {
    const opened = this.opened;
    this.opened = undefined;
    this.current = undefined;
    await opened?.cleanup();
  }

  private require(): OpenedBreakers {
    if (this.opened === undefined) throw new Error("BreakerBench.open() first");
    return this.opened;
  }
}

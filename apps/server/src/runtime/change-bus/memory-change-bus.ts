import type { ChangeBus, ChangeEvent, ChangeListener } from "./change-bus.js";

/**
 * The hub that memory buses share: instances in one process (tests, benchmarks) that hold buses on the
 * same hub hear each other, like instances on one Redis.
 */
export class MemoryChangeHub {
  private readonly listeners = new Set<ChangeListener>();

  /** Delivers an event to every listener, on a later tick, as a network bus would. */
  deliver(event: ChangeEvent): void {
    for (const listener of [...this.listeners]) queueMicrotask(() => listener({ ...event }));
  }

  add(listener: ChangeListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}

/**
 * A change bus inside one process: the default of a single instance (its own changes reach it through
 * the bus as they would through Redis), or many instances of one test sharing a {@link MemoryChangeHub}.
 *
 * @example
 * const hub = new MemoryChangeHub();
 * const a = new MemoryChangeBus(hub), b = new MemoryChangeBus(hub);
 */
export class MemoryChangeBus implements ChangeBus {
  private readonly unsubscribers = new Set<() => void>();

  constructor(private readonly hub = new MemoryChangeHub()) {}

  async publish(event: ChangeEvent): Promise<void> {
    this.hub.deliver(event);
  }

  async subscribe(listener: ChangeListener): Promise<() => Promise<void>> {
    const remove = this.hub.add(listener);
    this.unsubscribers.add(remove);
    return async () => {
      remove();
      this.unsubscribers.delete(remove);
    };
  }

  async close(): Promise<void> {
    for (const remove of this.unsubscribers) remove();
    this.unsubscribers.clear();
  }
}

/**
 * Requests in flight per deployment, in this instance. Not shared across instances on purpose: a load
 * balancer in front spreads clients evenly enough, and a shared counter would put Redis on every request.
 *
 * @example
 * tracker.increment(id);
 * try { await forward(); } finally { tracker.decrement(id); }
 */
export class InFlightTracker {
  private readonly counts = new Map<string, number>();

  /** One more request sent to the deployment; returns the new count. */
  increment(id: string): number {
    const n = (this.counts.get(id) ?? 0) + 1;
    this.counts.set(id, n);
    return n;
  }

  /** One request finished (any way); returns the new count. Never below zero, so a double release is harmless. */
  decrement(id: string): number {
    const n = (this.counts.get(id) ?? 0) - 1;
    if (n <= 0) {
      this.counts.delete(id); // idle deployments take no room
      return 0;
    }
    this.counts.set(id, n);
    return n;
  }

  get(id: string): number {
    return this.counts.get(id) ?? 0;
  }
}

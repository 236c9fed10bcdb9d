/**
 * Tokens a tenant used per model in the current calendar month (UTC), for volume-tiered prices. Counted
 * in memory as usage settles: per instance, so with N instances each sees its own share and a tier is
 * reached later than the tenant's true total (never earlier: a tenant is never under-billed by it).
 * The month rolls over by itself.
 */
export class MonthlyTokenVolume {
  /** The current month's bounds, Unix ms: [start, end). Checked with two comparisons per call. */
  private start = 0;
  private end = 0;
  private readonly tokens = new Map<string, number>();

  /** The tokens counted so far this month for `tenantId`'s `model`, at time `at`. */
  get(tenantId: string, model: string, at: number): number {
    this.roll(at);
    return this.tokens.get(`${tenantId}\u0000${model}`) ?? 0;
  }

  /** Counts a settled request's tokens. */
  add(tenantId: string, model: string, at: number, tokens: number): void {
    this.roll(at);
    if (!(tokens > 0)) return;
    const key = `${tenantId}\u0000${model}`;
    this.tokens.set(key, (this.tokens.get(key) ?? 0) + tokens);
  }

  private roll(at: number): void {
    if (at >= this.start && at < this.end) return;
    const d = new Date(at);
    this.start = Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), 1);
    this.end = Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 1);
    this.tokens.clear();
  }
}

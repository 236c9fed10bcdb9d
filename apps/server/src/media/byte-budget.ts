/**
 * A count of bytes that may still be spent, shared by the concurrent image fetches of one request so
 * their total stays bounded. One per request; never shared across requests.
 */
export class ByteBudget {
  private used = 0;

  constructor(readonly limit: number) {}

  /** Spends `n` bytes; false (and nothing spent) when that would pass the limit. */
  take(n: number): boolean {
    if (this.used + n > this.limit) return false;
    this.used += n;
    return true;
  }
}

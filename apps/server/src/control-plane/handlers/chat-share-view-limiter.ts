import { GatewayError } from "@gatehouse/protocol";

/** How often one address may open share links: generous for people, a brake on a scraper. */
export interface ShareViewLimits {
  max: number;
  windowMs: number;
  /** Addresses tracked at once; past it, closed windows are dropped, then the oldest tenth. */
  maxAddresses: number;
}

export const DEFAULT_SHARE_VIEW_LIMITS: ShareViewLimits = {
  max: 300,
  windowMs: 60_000,
  maxAddresses: 10_000,
};

/**
 * A per-address fixed-window limit for the public `shared.get` (one instance's memory, built by the
 * handlers, no module state). Every request counts, found or not, so guessing tokens is slowed as much
 * as reading. Throws `rate_limited` (429, `retry-after`) past the limit; the table never grows past
 * `maxAddresses`.
 *
 * @example
 * const limiter = createShareViewLimiter(Date.now);
 * limiter.hit(request.ip); // throws GatewayError("rate_limited") on the 301st request in a minute
 */
export function createShareViewLimiter(
  now: () => number,
  limits: ShareViewLimits = DEFAULT_SHARE_VIEW_LIMITS,
) {
  const windows = new Map<string, { count: number; endsAt: number }>();
  const prune = (at: number) => {
    for (const [ip, w] of windows) if (w.endsAt <= at) windows.delete(ip);
    if (windows.size < limits.maxAddresses) return;
    // Map order is insertion order: the first keys are the oldest windows.
    let drop = Math.ceil(limits.maxAddresses / 10);
    for (const ip of windows.keys()) {
      if (drop-- <= 0) break;
      windows.delete(ip);
    }
  };
  return {
    hit(ip: string): void {
      const at = now();
      let w = windows.get(ip);
      if (w === undefined || w.endsAt <= at) {
        if (w === undefined && windows.size >= limits.maxAddresses) prune(at);
        windows.delete(ip);
        w = { count: 0, endsAt: at + limits.windowMs };
        windows.set(ip, w);
      }
      if (w.count >= limits.max) {
        const retryAfterSeconds = Math.max(1, Math.ceil((w.endsAt - at) / 1000));
        throw new GatewayError(
          "rate_limited",
          "Too many share links opened from this address; try again soon.",
          {
            retryAfterSeconds,
          },
        );
      }
      w.count += 1;
    },
    /** How many addresses are tracked (for tests). */
    size: () => windows.size,
  };
}

import type { ThrottleDecision, ThrottleLimit } from "../session/login-throttle.js";
import { throttleIpKey } from "../session/throttle-ip-key.js";

/** The limits of the public single sign-on operations; every request counts, not only failures. */
export interface SsoRateLimits {
  /** Login starts per client address. Default 30 a minute: a person clicks the link a few times. */
  startPerIp: ThrottleLimit;
  /** Login starts per tenant, all addresses together. Default 600 a minute: a whole office at 9 am. */
  startPerTenant: ThrottleLimit;
  /** Code exchanges per client address. Default 30 a minute. */
  exchangePerIp: ThrottleLimit;
}

/**
 * Guards the anonymous single sign-on operations (auth.ssoStart, auth.ssoExchange), per client
 * address and, for starts, per tenant: each start stores a login, so an unlimited client could fill
 * the login table and make the server talk to the identity provider on its behalf.
 */
export interface SsoRateLimiter {
  /** Counts a login start and says whether it may go ahead. */
  start(tenantId: string, ip: string): ThrottleDecision;
  /** Counts a code exchange and says whether it may go ahead. */
  exchange(ip: string): ThrottleDecision;
  /** Counters held now (for tests and metrics). */
  size(): number;
}

export interface SsoRateLimiterOptions {
  /** The clock, epoch ms. */
  now: () => number;
  limits?: Partial<SsoRateLimits>;
  /** Counters kept at most; the oldest go first. Default 100 000 (a few MB). */
  maxEntries?: number;
}

export const DEFAULT_SSO_RATE_LIMITS: SsoRateLimits = {
  startPerIp: { max: 30, windowMs: 60_000 },
  startPerTenant: { max: 600, windowMs: 60_000 },
  exchangePerIp: { max: 30, windowMs: 60_000 },
};

interface Window {
  count: number;
  /** When the window that opened with the first request closes (epoch ms). */
  resetAt: number;
}

/**
 * An in-memory SsoRateLimiter for one instance, with the login throttle's shape: fixed windows that
 * open at the first request, addresses keyed as throttleIpKey does (IPv6 by /64), memory bounded (a
 * full table drops closed windows, then its oldest tenth). A refused request is not counted, so a
 * client that keeps knocking is let in again when its window closes.
 * @see https://cheatsheetseries.owasp.org/cheatsheets/Denial_of_Service_Cheat_Sheet.html
 *
 * @example
 * const limiter = createSsoRateLimiter({ now: Date.now });
 * const decision = limiter.start(tenantId, ip);
 * if (!decision.allowed) throw new GatewayError("rate_limited", "…", { retryAfterSeconds: decision.retryAfterSeconds });
 */
export function createSsoRateLimiter(options: SsoRateLimiterOptions): SsoRateLimiter {
  const { now, maxEntries = 100_000 } = options;
  const limits = { ...DEFAULT_SSO_RATE_LIMITS, ...options.limits };
  for (const limit of Object.values(limits)) {
    if (!(limit.max >= 1 && limit.windowMs > 0))
      throw new RangeError("A rate limit needs max ≥ 1, windowMs > 0.");
  }
  if (!(maxEntries >= 1)) throw new RangeError("maxEntries must be ≥ 1.");
  // Insertion order is the order windows opened (a reopened one is re-inserted): the head is the oldest.
  const windows = new Map<string, Window>();
  const lowWater = maxEntries - Math.max(1, Math.floor(maxEntries / 10));

  const live = (key: string, at: number): Window | undefined => {
    const window = windows.get(key);
    if (window && window.resetAt <= at) {
      windows.delete(key);
      return undefined;
    }
    return window;
  };
  const makeRoom = (at: number) => {
    if (windows.size < maxEntries) return;
    for (const [key, window] of windows) if (window.resetAt <= at) windows.delete(key);
    for (const key of windows.keys()) {
      if (windows.size <= lowWater) break;
      windows.delete(key);
    }
  };

  /** Refuses when any key is at its limit; otherwise counts the request under every key. */
  const take = (keyed: Array<[string, ThrottleLimit]>): ThrottleDecision => {
    const at = now();
    const until = Math.max(
      0,
      ...keyed.map(([key, limit]) => {
        const window = live(key, at);
        return window && window.count >= limit.max ? window.resetAt : 0;
      }),
    );
    if (until > 0) return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil((until - at) / 1000)) };
    for (const [key, limit] of keyed) {
      const window = live(key, at);
      if (window) window.count += 1;
      else {
        makeRoom(at);
        windows.set(key, { count: 1, resetAt: at + limit.windowMs });
      }
    }
    return { allowed: true };
  };

  return {
    start: (tenantId, ip) =>
      take([
        [`si:${throttleIpKey(ip)}`, limits.startPerIp],
        [`st:${tenantId}`, limits.startPerTenant],
      ]),
    exchange: (ip) => take([[`ei:${throttleIpKey(ip)}`, limits.exchangePerIp]]),
    size: () => windows.size,
  };
}

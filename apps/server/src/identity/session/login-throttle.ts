import { throttleIpKey } from "./throttle-ip-key.js";

/** At most `max` failed logins within `windowMs` of the first one. */
export interface ThrottleLimit {
  max: number;
  windowMs: number;
}

/** Whether a login attempt may go ahead; when not, how long until it may (Retry-After). */
export type ThrottleDecision = { allowed: true } | { allowed: false; retryAfterSeconds: number };

/**
 * Brute-force protection for password login, per account and per client address. Ask `check` before
 * verifying a password (a refused attempt is neither verified nor counted), then report the outcome.
 * Callers await every method: the memory throttle answers at once, a shared one (Redis) asynchronously.
 */
export interface LoginThrottle {
  check(email: string, ip: string): ThrottleDecision | Promise<ThrottleDecision>;
  recordFailure(email: string, ip: string): void | Promise<void>;
  /** Clears the account's counter, not the address's: one good password must not launder a spraying IP. */
  recordSuccess(email: string, ip: string): void | Promise<void>;
}

/** The in-memory LoginThrottle (synchronous), with its size exposed for tests and metrics. */
export interface MemoryLoginThrottle extends LoginThrottle {
  check(email: string, ip: string): ThrottleDecision;
  recordFailure(email: string, ip: string): void;
  recordSuccess(email: string, ip: string): void;
  /** Counters held now (accounts and addresses together). */
  size(): number;
}

export interface LoginThrottleOptions {
  /** The clock, epoch ms. */
  now: () => number;
  /** Default 5 failures per 15 minutes: OWASP's usual lockout threshold, short enough to bound harm. */
  perAccount?: ThrottleLimit;
  /** Default 20 per 15 minutes: room for an office behind one NAT, none for password spraying. */
  perIp?: ThrottleLimit;
  /** Counters kept at most; the oldest go first. Default 100 000 (a few MB). */
  maxEntries?: number;
}

interface Counter {
  failures: number;
  /** When the window that began with the first failure closes (epoch ms). */
  resetAt: number;
}

/**
 * An in-memory login throttle for one instance. Fixed windows that open at the first failure: once
 * `max` failures are counted, the account (from any address) or the address (for any account) is
 * refused until the window closes. Emails are compared trimmed and lowercase, IPv6 addresses by /64.
 * Memory is bounded: a closed window is dropped when next read or when the table is full, and a full
 * table then evicts its oldest tenth. Eviction could in principle free a locked account, but a locked address adds no counters,
 * so filling the table takes thousands of addresses working at once.
 * @see https://cheatsheetseries.owasp.org/cheatsheets/Authentication_Cheat_Sheet.html#protect-against-automated-attacks
 *
 * @example
 * const throttle = createLoginThrottle({ now: Date.now });
 * const decision = throttle.check(email, ip);
 * if (!decision.allowed) throw new GatewayError("rate_limited", undefined, { retryAfterSeconds: decision.retryAfterSeconds });
 */
export function createLoginThrottle(options: LoginThrottleOptions): MemoryLoginThrottle {
  const {
    now,
    perAccount = { max: 5, windowMs: 15 * 60_000 },
    perIp = { max: 20, windowMs: 15 * 60_000 },
    maxEntries = 100_000,
  } = options;
  for (const limit of [perAccount, perIp]) {
    if (!(limit.max >= 1 && limit.windowMs > 0))
      throw new RangeError("A throttle limit needs max ≥ 1, windowMs > 0.");
  }
  if (!(maxEntries >= 1)) throw new RangeError("maxEntries must be ≥ 1.");

  // Insertion order is the order windows opened (a reopened window is re-inserted), so the head of
  // the map is the oldest counter: the one to evict first and, with equal windows, the first to expire.
  const counters = new Map<string, Counter>();
  const accountKey = (email: string) => `a:${email.trim().toLowerCase()}`;
  const ipKey = (ip: string) => `i:${throttleIpKey(ip)}`;

  /** The counter for a key if its window is still open; a closed one is dropped on the way. */
  const live = (key: string, at: number): Counter | undefined => {
    const counter = counters.get(key);
    if (counter && counter.resetAt <= at) {
      counters.delete(key);
      return undefined;
    }
    return counter;
  };

  // Room is made in batches when the table is full, not one entry per insert: a Map iterator walks
  // past deleted slots from the head, so evicting one at a time from a full map costs O(n) each.
  const lowWater = maxEntries - Math.max(1, Math.floor(maxEntries / 10));
  const makeRoom = (at: number) => {
    if (counters.size < maxEntries) return;
    for (const [key, counter] of counters) if (counter.resetAt <= at) counters.delete(key);
    for (const key of counters.keys()) {
      if (counters.size <= lowWater) break;
      counters.delete(key);
    }
  };

  const fail = (key: string, limit: ThrottleLimit, at: number) => {
    const counter = live(key, at);
    if (counter) {
      counter.failures += 1;
      return;
    }
    makeRoom(at);
    counters.set(key, { failures: 1, resetAt: at + limit.windowMs });
  };

  const lockedUntil = (key: string, limit: ThrottleLimit, at: number): number | undefined => {
    const counter = live(key, at);
    return counter && counter.failures >= limit.max ? counter.resetAt : undefined;
  };

  return {
    check(email, ip) {
      const at = now();
      const until = Math.max(
        lockedUntil(accountKey(email), perAccount, at) ?? 0,
        lockedUntil(ipKey(ip), perIp, at) ?? 0,
      );
      if (until === 0) return { allowed: true };
      return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil((until - at) / 1000)) };
    },
    recordFailure(email, ip) {
      const at = now();
      fail(accountKey(email), perAccount, at);
      fail(ipKey(ip), perIp, at);
    },
    recordSuccess(email) {
      counters.delete(accountKey(email));
    },
    size: () => counters.size,
  };
}

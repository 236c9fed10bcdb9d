import type { Redis } from "ioredis";
import {
  createLoginThrottle,
  type LoginThrottle,
  type MemoryLoginThrottle,
  type ThrottleDecision,
  type ThrottleLimit,
} from "./login-throttle.js";
import { throttleIpKey } from "./throttle-ip-key.js";

export interface RedisLoginThrottleOptions {
  /** The shared client; the throttle never closes it. */
  redis: Redis;
  /** The clock of the local fallback, epoch ms. */
  now: () => number;
  perAccount?: ThrottleLimit;
  perIp?: ThrottleLimit;
  /** Prefix of every key (`gatehouse:login:` by default); lets tests on one Redis stay apart. */
  keyPrefix?: string;
  /** Told about Redis failures; the throttle then decides from this instance's own counts. */
  onError?: (err: unknown) => void;
}

/** INCR, and start the window (its TTL) with the first failure: one atomic step. */
const FAIL_LUA = `local n = redis.call('INCR', KEYS[1])
if n == 1 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end
return n`;

/**
 * The login throttle shared by every instance through Redis, with the memory throttle's rules: fixed
 * windows opening at the first failure (a key per account and per address, expiring with its window),
 * 5 failures per account and 20 per address per 15 minutes by default, emails trimmed and lowercased,
 * IPv6 by /64. Every failure is also counted locally, so while Redis is unreachable the instance still
 * throttles on what it saw itself.
 * See https://cheatsheetseries.owasp.org/cheatsheets/Authentication_Cheat_Sheet.html#protect-against-automated-attacks
 *
 * @example
 * const throttle = new RedisLoginThrottle({ redis, now: Date.now });
 */
export class RedisLoginThrottle implements LoginThrottle {
  private readonly perAccount: ThrottleLimit;
  private readonly perIp: ThrottleLimit;
  private readonly prefix: string;
  private readonly local: MemoryLoginThrottle;

  constructor(private readonly options: RedisLoginThrottleOptions) {
    this.perAccount = options.perAccount ?? { max: 5, windowMs: 15 * 60_000 };
    this.perIp = options.perIp ?? { max: 20, windowMs: 15 * 60_000 };
    this.prefix = options.keyPrefix ?? "gatehouse:login:";
    this.local = createLoginThrottle({ now: options.now, perAccount: this.perAccount, perIp: this.perIp });
  }

  async check(email: string, ip: string): Promise<ThrottleDecision> {
    try {
      const result = await this.options.redis
        .multi()
        .get(this.accountKey(email))
        .pttl(this.accountKey(email))
        .get(this.ipKey(ip))
        .pttl(this.ipKey(ip))
        .exec();
      const [accountCount, accountTtl, ipCount, ipTtl] = (result ?? []).map(([err, value]) => {
        if (err) throw err;
        return Number(value ?? 0);
      });
      const waitMs = Math.max(
        lockedFor(accountCount ?? 0, accountTtl ?? 0, this.perAccount),
        lockedFor(ipCount ?? 0, ipTtl ?? 0, this.perIp),
      );
      if (waitMs === 0) return { allowed: true };
      return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil(waitMs / 1000)) };
    } catch (err) {
      this.options.onError?.(err);
      return this.local.check(email, ip);
    }
  }

  async recordFailure(email: string, ip: string): Promise<void> {
    this.local.recordFailure(email, ip);
    try {
      await Promise.all([
        this.options.redis.eval(FAIL_LUA, 1, this.accountKey(email), this.perAccount.windowMs),
        this.options.redis.eval(FAIL_LUA, 1, this.ipKey(ip), this.perIp.windowMs),
      ]);
    } catch (err) {
      this.options.onError?.(err);
    }
  }

  async recordSuccess(email: string, ip: string): Promise<void> {
    this.local.recordSuccess(email, ip);
    try {
      await this.options.redis.del(this.accountKey(email));
    } catch (err) {
      this.options.onError?.(err);
    }
  }

  private accountKey(email: string): string {
    return `${this.prefix}a:${email.trim().toLowerCase()}`;
  }

  private ipKey(ip: string): string {
    return `${this.prefix}i:${throttleIpKey(ip)}`;
  }
}

/** How long a counter still locks (ms), 0 when below its limit or without a window. */
function lockedFor(count: number, ttlMs: number, limit: ThrottleLimit): number {
  return count >= limit.max && ttlMs > 0 ? ttlMs : 0;
}

import type { Redis } from "ioredis";
import { z } from "zod";
import type { IdempotencyCache, StoredReply } from "./idempotency-cache.js";

export interface RedisIdempotencyCacheOptions {
  /** The shared client; the cache never closes it. */
  redis: Redis;
  /** Prefix of every key (`gatehouse:idempotency:` by default); lets tests on one Redis stay apart. */
  keyPrefix?: string;
  /** Told about Redis failures: the cache then answers "not stored" rather than failing the request. */
  onError?: (err: unknown) => void;
}

const STORED = z.object({
  fingerprint: z.string(),
  status: z.number().int().min(100).max(599),
  contentType: z.string().nullable(),
  body: z.string().nullable(),
});

/**
 * The IdempotencyCache shared by every instance through Redis: a retry that lands on another instance
 * replays the first answer. Each answer is one string key with the TTL it was put with (SET PX), so Redis
 * expires them and bounds nothing else. `begin`/`end` (the in-flight mark) stay per instance, as in the
 * memory cache. A Redis failure, or a value that is not a stored answer, reads as "not stored": a retry
 * may then run again, which is what happens without an Idempotency-Key, never a 5xx.
 * See https://redis.io/docs/latest/commands/set/.
 *
 * @example
 * const idempotency = new RedisIdempotencyCache({ redis, onError: (err) => logger.warn({ err }, "idempotency") });
 */
export class RedisIdempotencyCache implements IdempotencyCache {
  private readonly prefix: string;
  private readonly inFlight = new Set<string>();

  constructor(private readonly options: RedisIdempotencyCacheOptions) {
    this.prefix = options.keyPrefix ?? "gatehouse:idempotency:";
  }

  async get(key: string): Promise<StoredReply | undefined> {
    let text: string | null;
    try {
      text = await this.options.redis.get(this.prefix + key);
    } catch (err) {
      this.options.onError?.(err);
      return undefined;
    }
    if (text === null) return undefined;
    try {
      const parsed = STORED.safeParse(JSON.parse(text));
      return parsed.success ? parsed.data : undefined;
    } catch {
      return undefined;
    }
  }

  async put(key: string, stored: StoredReply, ttlMs: number): Promise<void> {
    try {
      await this.options.redis.set(
        this.prefix + key,
        JSON.stringify(stored),
        "PX",
        Math.max(1, Math.round(ttlMs)),
      );
    } catch (err) {
      this.options.onError?.(err);
    }
  }

  begin(key: string): boolean {
    if (this.inFlight.has(key)) return false;
    this.inFlight.add(key);
    return true;
  }

  end(key: string): void {
    this.inFlight.delete(key);
  }
}

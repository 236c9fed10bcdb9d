import type { Redis } from "ioredis";
import { ACQUIRE_LUA, PEEK_LUA, SETTLE_LUA } from "./rate-limit-scripts.js";
import {
  type AcquireRequest,
  type CounterKind,
  type CounterSpec,
  type CounterState,
  DEFAULT_LEASE_TTL_MS,
  RATE_WINDOW_MS,
  type RateDecision,
  type RateLimiter,
  type SettleRequest,
} from "./rate-limiter.js";

type Arg = string | number;
/** The scripts, registered with `defineCommand`: ioredis sends EVALSHA and falls back to EVAL on NOSCRIPT. */
interface LimiterCommands {
  gatehouseRateAcquire(numKeys: number, ...args: Arg[]): Promise<number[]>;
  gatehouseRateSettle(numKeys: number, ...args: Arg[]): Promise<number>;
  gatehouseRatePeek(numKeys: number, ...args: Arg[]): Promise<number[]>;
}

const KIND_CODE: Record<CounterKind, string> = { requests: "r", tokens: "t", concurrent: "c" };

export interface RedisRateLimiterOptions {
  /** A connected ioredis client; the limiter registers its scripts on it and never closes it. */
  redis: Redis;
  /** Prefix of every key; lets tests (and several installations on one Redis) stay apart. */
  keyPrefix?: string;
  windowMs?: number;
  leaseTtlMs?: number;
}

/**
 * The rate limiter shared by every instance through Redis: one check is ONE Lua script (EVALSHA, atomic,
 * one round trip) over every counter of the request, so N instances enforce one limit, not N, and a
 * refusal consumes nothing. Same sliding-log algorithm as MemoryRateLimiter (one conformance suite).
 * Keys expire after two windows idle (window counters) or the lease TTL (slots). Counter keys carry their
 * tenant in a hash tag (`{ten_…}`), so one request's keys share a Redis Cluster slot.
 *
 * @example
 * const limiter = new RedisRateLimiter({ redis });
 * const d = await limiter.acquire({ leaseId, now: Date.now(), counters });
 */
export class RedisRateLimiter implements RateLimiter {
  private readonly redis: Redis & LimiterCommands;
  private readonly prefix: string;
  private readonly windowMs: number;
  private readonly leaseTtlMs: number;

  constructor(options: RedisRateLimiterOptions) {
    this.redis = options.redis as Redis & LimiterCommands;
    this.prefix = options.keyPrefix ?? "gatehouse:rl:";
    this.windowMs = options.windowMs ?? RATE_WINDOW_MS;
    this.leaseTtlMs = options.leaseTtlMs ?? DEFAULT_LEASE_TTL_MS;
    // Once per client: a second limiter on the same client reuses the commands.
    if (typeof this.redis.gatehouseRateAcquire !== "function") {
      options.redis.defineCommand("gatehouseRateAcquire", { lua: ACQUIRE_LUA });
      options.redis.defineCommand("gatehouseRateSettle", { lua: SETTLE_LUA });
      options.redis.defineCommand("gatehouseRatePeek", { lua: PEEK_LUA });
    }
  }

  async acquire({ leaseId, counters, now }: AcquireRequest): Promise<RateDecision> {
    const keys: string[] = [];
    const args: Arg[] = [now, leaseId, this.windowMs, this.leaseTtlMs];
    for (const c of counters) {
      keys.push(this.prefix + c.key, `${this.prefix}${c.key}:w`);
      args.push(KIND_CODE[c.kind], c.limit, c.cost);
    }
    const reply = await this.redis.gatehouseRateAcquire(keys.length, ...keys, ...args);
    const allowed = reply[0] === 1;
    const refusedBy: string[] = [];
    const states = counters.map((c, i) => {
      const used = Number(reply[2 + 2 * i]);
      if (!allowed && used + c.cost > c.limit) refusedBy.push(c.key);
      return {
        key: c.key,
        kind: c.kind,
        limit: c.limit,
        remaining: Math.max(0, c.limit - used),
        resetAt: Number(reply[3 + 2 * i]),
      };
    });
    return { allowed, retryAfterMs: Number(reply[1]), counters: states, refusedBy };
  }

  async settle({ leaseId, tokens, concurrent }: SettleRequest): Promise<void> {
    if (tokens.length === 0 && concurrent.length === 0) return;
    const keys: string[] = [];
    for (const t of tokens) keys.push(this.prefix + t.key, `${this.prefix}${t.key}:w`);
    for (const key of concurrent) keys.push(this.prefix + key);
    await this.redis.gatehouseRateSettle(
      keys.length,
      ...keys,
      leaseId,
      tokens.length,
      ...tokens.map((t) => t.actual),
    );
  }

  async peek(counters: readonly CounterSpec[], now: number): Promise<CounterState[]> {
    if (counters.length === 0) return [];
    const keys = counters.flatMap((c) => [this.prefix + c.key, `${this.prefix}${c.key}:w`]);
    const reply = await this.redis.gatehouseRatePeek(
      keys.length,
      ...keys,
      now,
      this.windowMs,
      ...counters.map((c) => KIND_CODE[c.kind]),
    );
    return counters.map((c, i) => ({
      key: c.key,
      kind: c.kind,
      limit: c.limit,
      remaining: Math.max(0, c.limit - Number(reply[2 * i])),
      resetAt: Number(reply[2 * i + 1]),
    }));
  }
}

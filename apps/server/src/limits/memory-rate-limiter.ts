import {
  type AcquireRequest,
  CONCURRENCY_RETRY_MS,
  type CounterSpec,
  type CounterState,
  DEFAULT_LEASE_TTL_MS,
  RATE_WINDOW_MS,
  type RateDecision,
  type RateLimiter,
  type SettleRequest,
} from "./rate-limiter.js";

interface Entry {
  at: number;
  weight: number;
}

/**
 * A sliding log: entries in time order (a queue: `head` moves past expired entries, and the array is
 * compacted once half of it is dead, so trimming costs O(1) amortised), their weights by lease, and
 * their sum.
 */
class SlidingLog {
  private order: { lease: string; at: number }[] = [];
  private head = 0;
  readonly byLease = new Map<string, Entry>();
  sum = 0;

  get size(): number {
    return this.order.length - this.head;
  }

  /** Drops the entries that left the window: an entry at t counts while now < t + window. */
  trim(now: number, windowMs: number): void {
    while (this.head < this.order.length && this.order[this.head]!.at <= now - windowMs) {
      const { lease } = this.order[this.head]!;
      this.sum -= this.byLease.get(lease)?.weight ?? 0;
      this.byLease.delete(lease);
      this.head++;
    }
    if (this.head > 64 && this.head * 2 > this.order.length) {
      this.order = this.order.slice(this.head);
      this.head = 0;
    }
  }

  add(lease: string, at: number, weight: number): void {
    // Time only moves forward on one clock; an older stamp (another clock) is placed in order.
    let i = this.order.length;
    while (i > this.head && this.order[i - 1]!.at > at) i--;
    if (i === this.order.length) this.order.push({ lease, at });
    else this.order.splice(i, 0, { lease, at });
    this.byLease.set(lease, { at, weight });
    this.sum += weight;
  }

  /** How long until enough of the oldest entries leave for `needed` more to fit. */
  waitFor(needed: number, now: number, windowMs: number): number {
    let freed = 0;
    for (let i = this.head; i < this.order.length; i++) {
      const { lease, at } = this.order[i]!;
      freed += this.byLease.get(lease)?.weight ?? 0;
      if (freed >= needed) return Math.max(1, at + windowMs - now);
    }
    return windowMs;
  }

  resetAt(now: number, windowMs: number): number {
    const last = this.size === 0 ? undefined : this.order.at(-1);
    return last === undefined ? now : last.at + windowMs;
  }
}

export interface MemoryRateLimiterOptions {
  windowMs?: number;
  leaseTtlMs?: number;
}

/**
 * The in-memory rate limiter: exact sliding logs and leased slots in this process only (one instance;
 * use RedisRateLimiter behind a load balancer). Checks are synchronous inside, so all-or-nothing holds
 * trivially. Emptied counters are dropped, so memory follows the traffic of the last window.
 *
 * @example
 * const limiter = new MemoryRateLimiter();
 * const d = await limiter.acquire({ leaseId: "req_1", now: Date.now(), counters });
 */
export class MemoryRateLimiter implements RateLimiter {
  private readonly logs = new Map<string, SlidingLog>();
  private readonly slots = new Map<string, Map<string, number>>();
  private readonly windowMs: number;
  private readonly leaseTtlMs: number;

  constructor(options: MemoryRateLimiterOptions = {}) {
    this.windowMs = options.windowMs ?? RATE_WINDOW_MS;
    this.leaseTtlMs = options.leaseTtlMs ?? DEFAULT_LEASE_TTL_MS;
  }

  async acquire({ leaseId, counters, now }: AcquireRequest): Promise<RateDecision> {
    const refusedBy: string[] = [];
    let retryAfterMs = 0;
    const used = counters.map((c) => {
      const u = this.used(c, now);
      if (u + c.cost > c.limit) {
        refusedBy.push(c.key);
        retryAfterMs = Math.max(retryAfterMs, this.waitFor(c, u + c.cost - c.limit, now));
      }
      return u;
    });
    const allowed = refusedBy.length === 0;
    if (allowed) for (const c of counters) this.consume(c, leaseId, now);
    const states = counters.map((c, i) => this.state(c, used[i]! + (allowed ? c.cost : 0), now));
    return { allowed, retryAfterMs, counters: states, refusedBy };
  }

  async settle({ leaseId, tokens, concurrent }: SettleRequest): Promise<void> {
    for (const { key, actual } of tokens) {
      const log = this.logs.get(key);
      const entry = log?.byLease.get(leaseId);
      if (log === undefined || entry === undefined) continue;
      log.sum += actual - entry.weight;
      entry.weight = actual;
    }
    for (const key of concurrent) {
      const slots = this.slots.get(key);
      slots?.delete(leaseId);
      if (slots?.size === 0) this.slots.delete(key);
    }
  }

  async peek(counters: readonly CounterSpec[], now: number): Promise<CounterState[]> {
    return counters.map((c) => this.state(c, this.used(c, now), now));
  }

  private used(c: CounterSpec, now: number): number {
    if (c.kind === "concurrent") {
      const slots = this.slots.get(c.key);
      if (slots === undefined) return 0;
      for (const [lease, expiresAt] of slots) if (expiresAt <= now) slots.delete(lease);
      return slots.size;
    }
    const log = this.logs.get(c.key);
    if (log === undefined) return 0;
    log.trim(now, this.windowMs);
    if (log.size === 0) this.logs.delete(c.key);
    return log.sum;
  }

  private waitFor(c: CounterSpec, needed: number, now: number): number {
    if (c.kind === "concurrent") return CONCURRENCY_RETRY_MS;
    return this.logs.get(c.key)?.waitFor(needed, now, this.windowMs) ?? this.windowMs;
  }

  private consume(c: CounterSpec, leaseId: string, now: number): void {
    if (c.kind === "concurrent") {
      const slots = this.slots.get(c.key) ?? new Map<string, number>();
      slots.set(leaseId, now + this.leaseTtlMs);
      this.slots.set(c.key, slots);
      return;
    }
    const log = this.logs.get(c.key) ?? new SlidingLog();
    log.add(leaseId, now, c.cost);
    this.logs.set(c.key, log);
  }

  private state(c: CounterSpec, used: number, now: number): CounterState {
    const resetAt =
      c.kind === "concurrent" ? now : (this.logs.get(c.key)?.resetAt(now, this.windowMs) ?? now);
    return { key: c.key, kind: c.kind, limit: c.limit, remaining: Math.max(0, c.limit - used), resetAt };
  }
}

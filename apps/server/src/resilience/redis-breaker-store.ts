import type { ChainableCommander, Redis } from "ioredis";
import { type BreakerPolicy, resolveBreakerPolicy } from "./breaker-policy.js";
import { ACQUIRE_PROBE_LUA, READ_RECORD_LUA, RECORD_OUTCOME_LUA } from "./breaker-scripts.js";
import type { BreakerGate, BreakerRecord, BreakerStore, StoredBreakerState } from "./breaker-store.js";

type Arg = string | number;
/** The scripts, registered on the client with `defineCommand` (EVALSHA, EVAL on NOSCRIPT). */
interface BreakerCommands {
  gatehouseBreakerRecord(key: string, ...args: Arg[]): Promise<number[]>;
  gatehouseBreakerAcquire(key: string, ...args: Arg[]): Promise<number[]>;
  gatehouseBreakerRead(key: string, ...args: Arg[]): ChainableCommander;
}

const STATES: readonly StoredBreakerState[] = ["closed", "open", "half_open"];

/** The cached gate of one breaker; `seq` orders local writes against background refreshes. */
class CachedGate implements BreakerGate {
  state: StoredBreakerState = "closed";
  nextProbeAt = 0;
  probeUntil = 0;
  seq = 0;
}

export interface RedisBreakerStoreOptions {
  /** A connected ioredis client; the store registers its scripts on it and never closes it. */
  redis: Redis;
  policy?: Partial<BreakerPolicy>;
  /** Prefix of every key (`<prefix><deployment id>`); lets tests and tenants of one Redis stay apart. */
  keyPrefix?: string;
  /** How often the local view is refreshed from Redis; 0 turns the background refresh off (tests). */
  refreshMs?: number;
  /** Told about Redis failures; the store degrades instead of failing requests. */
  onError?: (err: unknown) => void;
}

/**
 * Breaker state shared by every instance through Redis: each transition is one Lua script (atomic, one
 * round trip), each breaker one hash with a TTL, so that N instances trip on their combined failures and
 * exactly one of them takes the half-open probe.
 *
 * Trade-off: `peek` — what the hot path reads for every request — answers from a local cache refreshed
 * every `refreshMs` (250 ms by default) and on this instance's own transitions, so admitting a request
 * never waits on Redis. The price is staleness: up to one refresh interval after another instance opens a
 * breaker, this one may still send it traffic (whose failures the open breaker then ignores), and after it
 * closes, this one may hold traffic back as long. Only taking the probe goes to Redis on the request path,
 * once per cool-down. Outcomes are written per call (one EVALSHA, which the caller need not await).
 * If Redis fails, the cache stays as it was and the probe is decided locally (one per instance per lease)
 * so a deployment cannot stay blocked for the length of an outage.
 */
export class RedisBreakerStore implements BreakerStore {
  private readonly redis: Redis & BreakerCommands;
  private readonly policy: Readonly<BreakerPolicy>;
  private readonly prefix: string;
  private readonly ttlMs: number;
  private readonly cache = new Map<string, CachedGate>();
  private readonly onError: (err: unknown) => void;
  private readonly timer: NodeJS.Timeout | undefined;
  private seq = 0;
  private refreshing = false;

  constructor(options: RedisBreakerStoreOptions) {
    this.policy = resolveBreakerPolicy(options.policy);
    this.prefix = options.keyPrefix ?? "gatehouse:cb:";
    this.onError = options.onError ?? (() => {});
    // Outlives every open state and probe lease; an idle breaker then expires back to closed.
    const p = this.policy;
    this.ttlMs = p.windowMs + p.maxCoolDownMs + p.probeLeaseMs + 60_000;
    this.redis = options.redis as Redis & BreakerCommands;
    this.redis.defineCommand("gatehouseBreakerRecord", { numberOfKeys: 1, lua: RECORD_OUTCOME_LUA });
    this.redis.defineCommand("gatehouseBreakerAcquire", { numberOfKeys: 1, lua: ACQUIRE_PROBE_LUA });
    this.redis.defineCommand("gatehouseBreakerRead", { numberOfKeys: 1, lua: READ_RECORD_LUA });
    const refreshMs = options.refreshMs ?? 250;
    if (refreshMs > 0) {
      this.timer = setInterval(() => void this.refresh(), refreshMs);
      this.timer.unref();
    }
  }

  peek(id: string): BreakerGate | undefined {
    const gate = this.cache.get(id);
    if (gate !== undefined) return gate;
    // First sight: watch it from now on, and learn soon whether another instance has it open.
    this.cache.set(id, new CachedGate());
    if (this.timer !== undefined) void this.refresh();
    return undefined;
  }

  async read(ids: readonly string[], now: number): Promise<BreakerRecord[]> {
    if (ids.length === 0) return [];
    const pipe = this.redis.pipeline() as ChainableCommander & BreakerCommands;
    for (const id of ids) pipe.gatehouseBreakerRead(this.prefix + id, ...this.baseArgs(now));
    const results = (await pipe.exec()) ?? [];
    return results.map(([err, reply]) => {
      if (err) throw err;
      return toRecord(reply as number[]);
    });
  }

  recordSuccess(id: string, now: number): Promise<BreakerRecord> {
    return this.recordOutcome(id, now, 0);
  }

  recordFailure(id: string, now: number): Promise<BreakerRecord> {
    return this.recordOutcome(id, now, 1);
  }

  async tryAcquireProbe(id: string, now: number): Promise<boolean> {
    try {
      const [granted, st, np, pu] = await this.redis.gatehouseBreakerAcquire(
        this.prefix + id,
        ...this.baseArgs(now),
        this.policy.probeLeaseMs,
      );
      this.apply(id, st!, np!, pu!);
      return granted === 1;
    } catch (err) {
      this.onError(err);
      return this.acquireLocally(id, now);
    }
  }

  /** Re-reads the gates of every breaker this instance has seen, in one pipelined round trip. */
  async sync(): Promise<void> {
    if (this.cache.size === 0) return;
    const seqAtStart = this.seq;
    const ids = [...this.cache.keys()];
    const pipe = this.redis.pipeline();
    for (const id of ids) pipe.hmget(this.prefix + id, "st", "np", "pu");
    const results = (await pipe.exec()) ?? [];
    for (let i = 0; i < ids.length; i++) {
      const [err, reply] = results[i] ?? [];
      const gate = this.cache.get(ids[i]!);
      // A transition this instance made while the refresh was in flight is newer than its answer.
      if (err || gate === undefined || gate.seq > seqAtStart) continue;
      const [st, np, pu] = reply as (string | null)[];
      setGate(gate, Number(st ?? 0), Number(np ?? 0), Number(pu ?? 0));
    }
  }

  async close(): Promise<void> {
    clearInterval(this.timer);
  }

  private async recordOutcome(id: string, now: number, failed: 0 | 1): Promise<BreakerRecord> {
    const p = this.policy;
    const reply = await this.redis.gatehouseBreakerRecord(
      this.prefix + id,
      ...this.baseArgs(now),
      failed,
      p.consecutiveFailures,
      p.failureRate,
      p.minRequests,
      p.coolDownMultiplier,
      p.maxCoolDownMs,
    );
    this.apply(id, reply[0]!, reply[3]!, reply[4]!);
    return toRecord(reply);
  }

  private baseArgs(now: number): [number, number, number, number, number] {
    const p = this.policy;
    return [now, p.windowMs, p.windowBuckets, p.coolDownMs, this.ttlMs];
  }

  private apply(id: string, st: number, np: number, pu: number): void {
    let gate = this.cache.get(id);
    if (gate === undefined) {
      gate = new CachedGate();
      this.cache.set(id, gate);
    }
    setGate(gate, st, np, pu);
    gate.seq = ++this.seq;
  }

  private acquireLocally(id: string, now: number): boolean {
    const gate = this.cache.get(id);
    if (gate === undefined || gate.state === "closed") return true;
    if (now < (gate.state === "open" ? gate.nextProbeAt : gate.probeUntil)) return false;
    gate.state = "half_open";
    gate.probeUntil = now + this.policy.probeLeaseMs;
    gate.seq = ++this.seq;
    return true;
  }

  private async refresh(): Promise<void> {
    if (this.refreshing) return;
    this.refreshing = true;
    try {
      await this.sync();
    } catch (err) {
      this.onError(err);
    } finally {
      this.refreshing = false;
    }
  }
}

function setGate(gate: CachedGate, st: number, np: number, pu: number): void {
  gate.state = STATES[st] ?? "closed";
  gate.nextProbeAt = np;
  gate.probeUntil = pu;
}

function toRecord(r: number[]): BreakerRecord {
  return {
    state: STATES[r[0]!] ?? "closed",
    consecutiveFailures: r[1]!,
    openedAt: r[2]!,
    nextProbeAt: r[3]!,
    probeUntil: r[4]!,
    coolDownMs: r[5]!,
    windowFailures: r[6]!,
    windowRequests: r[7]!,
  };
}

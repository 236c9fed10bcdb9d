import type { ChainableCommander, Redis } from "ioredis";
import { blockedSince } from "./blocked-since.js";
import { type BreakerPolicy, rateLimitCoolDownMs, resolveBreakerPolicy } from "./breaker-policy.js";
import { ACQUIRE_PROBE_LUA, COOL_DOWN_LUA, READ_RECORD_LUA, RECORD_OUTCOME_LUA } from "./breaker-scripts.js";
import type { BreakerGate, BreakerRecord, BreakerStore, StoredBreakerState } from "./breaker-store.js";

type Arg = string | number;
/** The scripts, registered on the client with `defineCommand` (EVALSHA, EVAL on NOSCRIPT). */
interface BreakerCommands {
  gatehouseBreakerRecord(key: string, ...args: Arg[]): Promise<number[]>;
  gatehouseBreakerAcquire(key: string, ...args: Arg[]): Promise<number[]>;
  gatehouseBreakerCoolDown(key: string, ...args: Arg[]): Promise<number[]>;
  gatehouseBreakerRead(key: string, ...args: Arg[]): ChainableCommander;
}

const STATES: readonly StoredBreakerState[] = ["closed", "open", "half_open"];

/** The hash fields the local view mirrors, in the order `setGate` takes them. */
const GATE_FIELDS = ["st", "np", "pu", "oa", "cu", "cs"] as const;
type GateValues = [st: number, np: number, pu: number, oa: number, cu: number, cs: number];

/** The cached gate of one breaker; `seq` orders local writes against background refreshes. */
class CachedGate implements BreakerGate {
  state: StoredBreakerState = "closed";
  nextProbeAt = 0;
  probeUntil = 0;
  openedAt = 0;
  coolUntil = 0;
  coolSince = 0;
  seq = 0;

  get blockedSince(): number {
    return blockedSince(this.state, this.openedAt, this.coolSince);
  }
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
 * A rate-limit cool-down travels the same way: the instance that saw the 429 blocks at once, the others
 * after their next refresh.
 * If Redis fails, the cache stays as it was and the probe is decided locally (one per instance per lease)
 * so a deployment cannot stay blocked for the length of an outage; a cool-down is then kept locally.
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
    // Outlives every open state and probe lease, and every rate-limit cool-down (each write renews it);
    // an idle breaker then expires back to closed.
    const p = this.policy;
    this.ttlMs = Math.max(p.windowMs + p.maxCoolDownMs + p.probeLeaseMs, p.maxRateLimitCoolDownMs) + 60_000;
    this.redis = options.redis as Redis & BreakerCommands;
    this.redis.defineCommand("gatehouseBreakerRecord", { numberOfKeys: 1, lua: RECORD_OUTCOME_LUA });
    this.redis.defineCommand("gatehouseBreakerAcquire", { numberOfKeys: 1, lua: ACQUIRE_PROBE_LUA });
    this.redis.defineCommand("gatehouseBreakerRead", { numberOfKeys: 1, lua: READ_RECORD_LUA });
    this.redis.defineCommand("gatehouseBreakerCoolDown", { numberOfKeys: 1, lua: COOL_DOWN_LUA });
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

  recordSuccess(id: string, now: number, panic = false): Promise<BreakerRecord> {
    return this.recordOutcome(id, now, 0, panic ? 1 : 0);
  }

  recordFailure(id: string, now: number): Promise<BreakerRecord> {
    return this.recordOutcome(id, now, 1, 0);
  }

  async coolDown(id: string, now: number, ms: number): Promise<BreakerRecord> {
    const length = rateLimitCoolDownMs(this.policy, ms);
    if (length === 0) return (await this.read([id], now))[0]!;
    let reply: number[];
    try {
      reply = await this.redis.gatehouseBreakerCoolDown(this.prefix + id, ...this.baseArgs(now), length);
    } catch (err) {
      // Steering this instance's traffic away is still right (and harmless: panic mode can reach it).
      this.coolDownLocally(id, now, length);
      throw err;
    }
    this.applyRecord(id, reply);
    return toRecord(reply);
  }

  async tryAcquireProbe(id: string, now: number): Promise<boolean> {
    try {
      const [granted, ...gate] = await this.redis.gatehouseBreakerAcquire(
        this.prefix + id,
        ...this.baseArgs(now),
        this.policy.probeLeaseMs,
      );
      this.apply(id, gate as GateValues);
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
    for (const id of ids) pipe.hmget(this.prefix + id, ...GATE_FIELDS);
    const results = (await pipe.exec()) ?? [];
    for (let i = 0; i < ids.length; i++) {
      const [err, reply] = results[i] ?? [];
      const gate = this.cache.get(ids[i]!);
      // A transition this instance made while the refresh was in flight is newer than its answer.
      if (err || gate === undefined || gate.seq > seqAtStart) continue;
      setGate(gate, (reply as (string | null)[]).map((v) => Number(v ?? 0)) as GateValues);
    }
  }

  async close(): Promise<void> {
    clearInterval(this.timer);
  }

  private async recordOutcome(id: string, now: number, failed: 0 | 1, panic: 0 | 1): Promise<BreakerRecord> {
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
      panic,
    );
    this.applyRecord(id, reply);
    return toRecord(reply);
  }

  private baseArgs(now: number): [number, number, number, number, number] {
    const p = this.policy;
    return [now, p.windowMs, p.windowBuckets, p.coolDownMs, this.ttlMs];
  }

  private apply(id: string, values: GateValues): void {
    let gate = this.cache.get(id);
    if (gate === undefined) {
      gate = new CachedGate();
      this.cache.set(id, gate);
    }
    setGate(gate, values);
    gate.seq = ++this.seq;
  }

  /** Updates the local view from a script's record (see `record()` in breaker-scripts.ts). */
  private applyRecord(id: string, r: number[]): void {
    this.apply(id, [r[0]!, r[3]!, r[4]!, r[2]!, r[8]!, r[9]!]);
  }

  private acquireLocally(id: string, now: number): boolean {
    const gate = this.cache.get(id);
    if (gate !== undefined && now < gate.coolUntil) return false;
    if (gate === undefined || gate.state === "closed") return true;
    if (now < (gate.state === "open" ? gate.nextProbeAt : gate.probeUntil)) return false;
    gate.state = "half_open";
    gate.probeUntil = now + this.policy.probeLeaseMs;
    gate.seq = ++this.seq;
    return true;
  }

  private coolDownLocally(id: string, now: number, length: number): void {
    const gate = this.cache.get(id) ?? new CachedGate();
    this.cache.set(id, gate);
    if (now + length <= gate.coolUntil) return;
    gate.coolUntil = now + length;
    gate.coolSince = now;
    gate.seq = ++this.seq;
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

function setGate(gate: CachedGate, [st, np, pu, oa, cu, cs]: GateValues): void {
  gate.state = STATES[st] ?? "closed";
  gate.nextProbeAt = np;
  gate.probeUntil = pu;
  gate.openedAt = oa;
  gate.coolUntil = cu;
  gate.coolSince = cs;
}

function toRecord(r: number[]): BreakerRecord {
  const state = STATES[r[0]!] ?? "closed";
  return {
    state,
    consecutiveFailures: r[1]!,
    openedAt: r[2]!,
    nextProbeAt: r[3]!,
    probeUntil: r[4]!,
    coolDownMs: r[5]!,
    windowFailures: r[6]!,
    windowRequests: r[7]!,
    coolUntil: r[8]!,
    coolSince: r[9]!,
    blockedSince: blockedSince(state, r[2]!, r[9]!),
  };
}

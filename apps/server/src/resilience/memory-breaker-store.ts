import { blockedSince } from "./blocked-since.js";
import { type BreakerPolicy, rateLimitCoolDownMs, resolveBreakerPolicy } from "./breaker-policy.js";
import type { BreakerGate, BreakerRecord, BreakerStore, StoredBreakerState } from "./breaker-store.js";
import { BucketWindow } from "./bucket-window.js";

const REQUESTS = 0;
const FAILURES = 1;

/** One deployment's breaker; it is also the gate `peek` hands out, so the hot path allocates nothing. */
class Entry implements BreakerGate {
  state: StoredBreakerState = "closed";
  nextProbeAt = 0;
  probeUntil = 0;
  consecutiveFailures = 0;
  openedAt = 0;
  coolUntil = 0;
  coolSince = 0;
  readonly window: BucketWindow;

  constructor(
    policy: Readonly<BreakerPolicy>,
    public coolDownMs: number,
  ) {
    this.window = new BucketWindow(policy.windowMs, policy.windowBuckets, 2);
  }

  get blockedSince(): number {
    return blockedSince(this.state, this.openedAt, this.coolSince);
  }
}

/**
 * Breaker state in this process: a Map of small entries, every transition a few field writes. The default
 * for a single instance; with several instances each would trip on its own share of the failures, which is
 * why REDIS_URL switches to {@link RedisBreakerStore}.
 *
 * @example
 * const breakers = new CircuitBreakers(new MemoryBreakerStore({ consecutiveFailures: 3 }));
 */
export class MemoryBreakerStore implements BreakerStore {
  private readonly entries = new Map<string, Entry>();
  private readonly policy: Readonly<BreakerPolicy>;

  constructor(policy: Partial<BreakerPolicy> = {}) {
    this.policy = resolveBreakerPolicy(policy);
  }

  peek(id: string): BreakerGate | undefined {
    return this.entries.get(id);
  }

  async read(ids: readonly string[], now: number): Promise<BreakerRecord[]> {
    return ids.map((id) => this.record(this.entries.get(id), now));
  }

  async recordSuccess(id: string, now: number, panic = false): Promise<BreakerRecord> {
    const e = this.entry(id, now);
    // A panic call reached a deployment everyone had given up on, and it answered: that is as good a proof
    // of health as a probe, and better than any Retry-After guess.
    if (panic) endCoolDown(e);
    if (e.state === "half_open" || (panic && e.state === "open")) {
      this.reset(e);
    } else if (e.state === "closed") {
      e.consecutiveFailures = 0;
      e.window.add(now, REQUESTS);
    }
    // An open breaker ignores late answers of calls let through before it opened: only a probe closes it.
    return this.record(e, now);
  }

  async recordFailure(id: string, now: number): Promise<BreakerRecord> {
    const e = this.entry(id, now);
    const p = this.policy;
    if (e.state === "half_open") {
      e.consecutiveFailures++;
      this.open(e, now, Math.min(p.maxCoolDownMs, Math.round(e.coolDownMs * p.coolDownMultiplier)));
    } else if (e.state === "closed") {
      e.consecutiveFailures++;
      e.window.add(now, REQUESTS);
      e.window.add(now, FAILURES);
      const requests = e.window.total(now, REQUESTS);
      const tooMany = requests >= p.minRequests && e.window.total(now, FAILURES) >= p.failureRate * requests;
      if (e.consecutiveFailures >= p.consecutiveFailures || tooMany) this.open(e, now, p.coolDownMs);
    }
    return this.record(e, now);
  }

  async coolDown(id: string, now: number, ms: number): Promise<BreakerRecord> {
    const length = rateLimitCoolDownMs(this.policy, ms);
    if (length === 0) return this.record(this.entries.get(id), now);
    const until = now + length;
    const e = this.entry(id, now);
    // The later end wins, so a short Retry-After never cuts a long one short.
    if (until > e.coolUntil) {
      e.coolUntil = until;
      e.coolSince = now;
    }
    return this.record(e, now);
  }

  async tryAcquireProbe(id: string, now: number): Promise<boolean> {
    const e = this.entries.get(id);
    if (e === undefined) return true;
    if (now < e.coolUntil) return false;
    endCoolDown(e); // ran out, if there was one: forgotten, as at every transition
    if (e.state === "closed") return true;
    const due = e.state === "open" ? now >= e.nextProbeAt : now >= e.probeUntil;
    if (!due) return false;
    e.state = "half_open";
    e.probeUntil = now + this.policy.probeLeaseMs;
    return true;
  }

  async sync(): Promise<void> {}

  async close(): Promise<void> {}

  /** The entry of `id`, created closed on first use, with a cool-down that ran out by `now` forgotten. */
  private entry(id: string, now: number): Entry {
    let e = this.entries.get(id);
    if (e === undefined) {
      e = new Entry(this.policy, this.policy.coolDownMs);
      this.entries.set(id, e);
    } else if (now >= e.coolUntil) {
      // Forgotten at the next transition so that a later block does not count as begun back then.
      endCoolDown(e);
    }
    return e;
  }

  private open(e: Entry, now: number, coolDownMs: number): void {
    e.state = "open";
    e.openedAt = now;
    e.coolDownMs = coolDownMs;
    e.nextProbeAt = now + coolDownMs;
    e.probeUntil = 0;
  }

  /** Closes the breaker and forgets its history; a rate-limit cool-down is not the breaker's and stays. */
  private reset(e: Entry): void {
    e.state = "closed";
    e.consecutiveFailures = 0;
    e.openedAt = 0;
    e.nextProbeAt = 0;
    e.probeUntil = 0;
    e.coolDownMs = this.policy.coolDownMs;
    e.window.clear();
  }

  private record(e: Entry | undefined, now: number): BreakerRecord {
    if (e === undefined) return closedRecord(this.policy.coolDownMs);
    const cooling = now < e.coolUntil;
    const coolSince = cooling ? e.coolSince : 0;
    return {
      state: e.state,
      nextProbeAt: e.nextProbeAt,
      probeUntil: e.probeUntil,
      coolUntil: cooling ? e.coolUntil : 0,
      blockedSince: blockedSince(e.state, e.openedAt, coolSince),
      consecutiveFailures: e.consecutiveFailures,
      windowFailures: e.window.total(now, FAILURES),
      windowRequests: e.window.total(now, REQUESTS),
      openedAt: e.openedAt,
      coolDownMs: e.coolDownMs,
      coolSince,
    };
  }
}

function endCoolDown(e: Entry): void {
  e.coolUntil = 0;
  e.coolSince = 0;
}

/** The record of a breaker that has never seen a call. */
function closedRecord(coolDownMs: number): BreakerRecord {
  return {
    state: "closed",
    nextProbeAt: 0,
    probeUntil: 0,
    coolUntil: 0,
    blockedSince: 0,
    consecutiveFailures: 0,
    windowFailures: 0,
    windowRequests: 0,
    openedAt: 0,
    coolDownMs,
    coolSince: 0,
  };
}

import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { blockedSince } from "./blocked-since.js";
import type { BreakerGate, BreakerRecord, BreakerStore, StoredBreakerState } from "./breaker-store.js";
import { CircuitBreakers } from "./circuit-breakers.js";
import { MemoryBreakerStore } from "./memory-breaker-store.js";

/** A store whose source of truth cannot be read, as a Redis store's during an outage. */
class UnreadableStore extends MemoryBreakerStore {
  override read(): never {
    throw new Error("ECONNREFUSED");
  }
}

/** A store whose every write fails, as a Redis store's during an outage. */
class UnwritableStore extends MemoryBreakerStore {
  override coolDown(): Promise<BreakerRecord> {
    return Promise.reject(new Error("ECONNREFUSED"));
  }
}

/** Gates set by hand; anything but `peek` fails, so a test proves `firstBlocked` does no I/O. */
class GateStore implements BreakerStore {
  readonly gates = new Map<string, BreakerGate>();
  peek(id: string): BreakerGate | undefined {
    return this.gates.get(id);
  }
  read = refuse;
  recordSuccess = refuse;
  recordFailure = refuse;
  coolDown = refuse;
  tryAcquireProbe = refuse;
  sync = refuse;
  close = refuse;
}

function refuse(): never {
  throw new Error("firstBlocked must answer from peek alone");
}

interface GateFields {
  state?: StoredBreakerState;
  nextProbeAt?: number;
  probeUntil?: number;
  openedAt?: number;
  coolUntil?: number;
  coolSince?: number;
}

function gate(f: GateFields): BreakerGate {
  const g: Required<GateFields> = {
    state: "closed",
    nextProbeAt: 0,
    probeUntil: 0,
    openedAt: 0,
    coolUntil: 0,
    coolSince: 0,
    ...f,
  };
  return { ...g, blockedSince: blockedSince(g.state, g.openedAt, g.coolSince) };
}

describe("CircuitBreakers.firstBlocked", () => {
  const NOW = 1_000_000;
  const setup = (gates: Record<string, GateFields>) => {
    const store = new GateStore();
    for (const [id, f] of Object.entries(gates)) store.gates.set(id, gate(f));
    return new CircuitBreakers(store, { now: () => NOW });
  };
  const ids = (...xs: string[]) => xs.map((id) => ({ id }));
  const idOf = (x: { id: string }) => x.id;

  it("picks the item whose block began first, whatever blocks it", () => {
    const breakers = setup({
      open: { state: "open", openedAt: NOW - 5_000, nextProbeAt: NOW + 25_000 },
      probing: { state: "half_open", openedAt: NOW - 40_000, probeUntil: NOW + 1_000 },
      cooling: { coolSince: NOW - 10_000, coolUntil: NOW + 1_000 },
    });
    expect(breakers.firstBlocked(ids("open", "cooling", "probing"), idOf)?.id).toBe("probing");
    expect(breakers.firstBlocked(ids("open", "cooling"), idOf)?.id).toBe("cooling");
    expect(breakers.firstBlocked(ids("open"), idOf)?.id).toBe("open");
  });

  it("breaks ties by order, and hands back the item itself", () => {
    const breakers = setup({
      x: { state: "open", openedAt: NOW - 1_000, nextProbeAt: NOW + 1_000 },
      y: { coolSince: NOW - 1_000, coolUntil: NOW + 1_000 },
    });
    const items = ids("x", "y");
    expect(breakers.firstBlocked(items, idOf)).toBe(items[0]);
    expect(breakers.firstBlocked([items[1]!, items[0]!], idOf)).toBe(items[1]);
  });

  it("skips what is not blocked now: unknown, closed, probe due, lease over, cool-down over", () => {
    const breakers = setup({
      closed: { openedAt: 0 },
      due: { state: "open", openedAt: NOW - 30_000, nextProbeAt: NOW },
      leaseOver: { state: "half_open", openedAt: NOW - 90_000, probeUntil: NOW },
      cooled: { coolSince: NOW - 2_000, coolUntil: NOW },
      blocked: { state: "open", openedAt: NOW - 1, nextProbeAt: NOW + 1 },
    });
    const all = ids("unknown", "closed", "due", "leaseOver", "cooled");
    expect(breakers.firstBlocked(all, idOf)).toBeUndefined();
    expect(breakers.firstBlocked([...all, { id: "blocked" }], idOf)?.id).toBe("blocked");
    expect(breakers.firstBlocked([], idOf)).toBeUndefined();
  });

  it("does not date an open breaker's block from a cool-down that has run out", () => {
    const breakers = setup({
      // Cooled from -50 s to -20 s, opened at -30 s: the gate still says "blocked since -50 s"...
      a: {
        state: "open",
        openedAt: NOW - 30_000,
        nextProbeAt: NOW + 1_000,
        coolSince: NOW - 50_000,
        coolUntil: NOW - 20_000,
      },
      // ...but now only its opening blocks it, and b opened earlier.
      b: { state: "open", openedAt: NOW - 40_000, nextProbeAt: NOW + 1_000 },
    });
    expect(breakers.firstBlocked(ids("a", "b"), idOf)?.id).toBe("b");
  });

  it("returns a blocked item no other blocked item began before, the first of equals", () => {
    const time = fc.integer({ min: NOW - 100_000, max: NOW + 100_000 });
    const gateArb = fc.record({
      state: fc.constantFrom<StoredBreakerState>("closed", "open", "half_open"),
      openedAt: time,
      nextProbeAt: time,
      probeUntil: time,
      coolSince: fc.integer({ min: NOW - 100_000, max: NOW }),
      coolUntil: fc.oneof(fc.constant(0), time),
    });
    fc.assert(
      fc.property(fc.array(fc.option(gateArb), { maxLength: 8 }), (gates) => {
        const store = new GateStore();
        gates.forEach((g, i) => {
          if (g !== null)
            store.gates.set(`d${i}`, gate({ ...g, coolSince: g.coolUntil === 0 ? 0 : g.coolSince }));
        });
        const breakers = new CircuitBreakers(store, { now: () => NOW });
        const items = gates.map((_, i) => `d${i}`);
        const blocked = items.filter((id) => breakers.isOpen(id));
        const since = (id: string) => {
          const g = store.gates.get(id)!;
          const opened = g.state === "closed" ? Number.POSITIVE_INFINITY : g.openedAt;
          return Math.min(opened, NOW < g.coolUntil ? g.coolSince : Number.POSITIVE_INFINITY);
        };
        const got = breakers.firstBlocked(items, (id) => id);
        if (blocked.length === 0) {
          expect(got).toBeUndefined();
          return;
        }
        expect(blocked).toContain(got);
        for (const id of blocked.slice(0, blocked.indexOf(got!)))
          expect(since(id)).toBeGreaterThan(since(got!));
        for (const id of blocked) expect(since(id)).toBeGreaterThanOrEqual(since(got!));
      }),
    );
  });
});

describe("CircuitBreakers.coolDown when the store fails", () => {
  it("never rejects, and tells onError", async () => {
    const errors: unknown[] = [];
    const breakers = new CircuitBreakers(new UnwritableStore(), { onError: (e) => errors.push(e) });
    await expect(breakers.coolDown("a", 1_000)).resolves.toBeUndefined();
    expect(errors).toEqual([expect.objectContaining({ message: "ECONNREFUSED" })]);
  });
});

describe("CircuitBreakers.snapshot when the store cannot be read", () => {
  it("reports this instance's view, marked degraded, and tells onError", async () => {
    let t = 1_000_000;
    const errors: unknown[] = [];
    const breakers = new CircuitBreakers(new UnreadableStore({ coolDownMs: 1_000 }), {
      now: () => t,
      onError: (e) => errors.push(e),
    });
    for (let i = 0; i < 5; i++) await breakers.onFailure("a");
    await breakers.coolDown("c", 2_000);
    const [a, b, c] = await breakers.snapshot(["a", "b", "c"]);
    expect(a).toMatchObject({ deploymentId: "a", state: "open", nextProbeAt: t + 1_000, degraded: true });
    expect(a!.consecutiveFailures).toBe(0); // unknown without the store
    expect(b).toMatchObject({ deploymentId: "b", state: "closed", nextProbeAt: null, degraded: true });
    expect(c).toMatchObject({ deploymentId: "c", state: "open", coolingUntil: t + 2_000, degraded: true });
    t += 1_000;
    expect((await breakers.snapshot(["a"]))[0]!.state).toBe("half_open");
    t += 1_000;
    expect((await breakers.snapshot(["c"]))[0]).toMatchObject({ state: "closed", coolingUntil: null });
    expect(errors).toHaveLength(3);
  });

  it("leaves `degraded` off when the store answers", async () => {
    const breakers = new CircuitBreakers(new MemoryBreakerStore());
    expect((await breakers.snapshot(["a"]))[0]).not.toHaveProperty("degraded");
  });
});

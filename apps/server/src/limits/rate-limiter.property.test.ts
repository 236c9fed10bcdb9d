import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { CounterSpec } from "./rate-limiter.js";
import { limiterTargets, LIMITER_T0 as T0 } from "./testing/limiter-targets.js";

const { targets } = await limiterTargets();
const WINDOW = 60_000;
const TTL = 30_000;

/** Four counters a request may hit any subset of: rpm 3, tpm 50, rpm 5, 2 concurrent. */
const COUNTERS = [
  { key: "{t}:r3:r", kind: "requests", limit: 3 },
  { key: "{t}:t50:t", kind: "tokens", limit: 50 },
  { key: "{t}:r5:r", kind: "requests", limit: 5 },
  { key: "{t}:c2:c", kind: "concurrent", limit: 2 },
] as const;

const step = fc.oneof(
  fc.record({
    op: fc.constant("check" as const),
    dt: fc.oneof(fc.integer({ min: 0, max: 2_000 }), fc.integer({ min: 25_000, max: 65_000 })),
    mask: fc.integer({ min: 1, max: 15 }),
    tokens: fc.integer({ min: 0, max: 30 }),
  }),
  // Settles the n-th admitted request still open: its tokens become `actual`, its slot is released.
  fc.record({ op: fc.constant("settle" as const), n: fc.nat(), actual: fc.integer({ min: 0, max: 60 }) }),
);

interface Admitted {
  lease: string;
  at: number;
  counters: CounterSpec[];
  /** Each counter's weight now (tokens become the actual use at settle). */
  weights: Map<string, number>;
  open: boolean;
}

for (const target of targets) {
  describe.skipIf(target.skip !== undefined)(`rate limiter properties on ${target.name}`, () => {
    it("answers as the exact sliding-window model, with settles and leased slots; all-or-nothing", async () => {
      await fc.assert(
        fc.asyncProperty(fc.array(step, { minLength: 1, maxLength: 40 }), async (steps) => {
          const opened = await target.open({ leaseTtlMs: TTL });
          try {
            const admitted: Admitted[] = [];
            let now = T0;
            const used = (key: string, kind: string) => {
              if (kind === "concurrent")
                return admitted.filter((a) => a.open && a.weights.has(key) && a.at + TTL > now).length;
              return admitted
                .filter((a) => a.weights.has(key) && a.at > now - WINDOW)
                .reduce((sum, a) => sum + a.weights.get(key)!, 0);
            };
            for (const [i, s] of steps.entries()) {
              if (s.op === "settle") {
                const open = admitted.filter((a) => a.open);
                if (open.length === 0) continue;
                const a = open[s.n % open.length]!;
                a.open = false;
                const tokens = a.counters.filter((c) => c.kind === "tokens");
                for (const c of tokens) a.weights.set(c.key, s.actual);
                const concurrent = a.counters.filter((c) => c.kind === "concurrent").map((c) => c.key);
                await opened.limiter.settle({
                  leaseId: a.lease,
                  tokens: tokens.map((c) => ({ key: c.key, actual: s.actual })),
                  concurrent,
                  now,
                });
                continue;
              }
              now += s.dt;
              const counters: CounterSpec[] = COUNTERS.filter((_, b) => s.mask & (1 << b)).map((c) => ({
                ...c,
                cost: c.kind === "tokens" ? s.tokens : 1,
              }));
              const fits = counters.every((c) => used(c.key, c.kind) + c.cost <= c.limit);
              const before = counters.map((c) => used(c.key, c.kind));
              const lease = `r${i}`;
              const d = await opened.limiter.acquire({ leaseId: lease, counters, now });
              expect(d.allowed).toBe(fits);
              if (d.allowed) {
                const weights = new Map(counters.map((c) => [c.key, c.cost]));
                admitted.push({ lease, at: now, counters, weights, open: true });
              }
              for (const [j, c] of counters.entries()) {
                const after = before[j]! + (d.allowed ? c.cost : 0);
                expect(d.counters[j]!.remaining).toBe(Math.max(0, c.limit - after));
              }
            }
            // Admissions alone never exceed a requests limit within any window [t, t + WINDOW).
            for (const c of COUNTERS.filter((c) => c.kind === "requests")) {
              for (const start of admitted) {
                const n = admitted.filter(
                  (a) => a.weights.has(c.key) && a.at >= start.at && a.at < start.at + WINDOW,
                ).length;
                expect(n).toBeLessThanOrEqual(c.limit);
              }
            }
          } finally {
            await opened.cleanup();
          }
        }),
        { numRuns: target.name === "memory" ? 300 : 60 },
      );
    });
  });
}

import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { CounterSpec, RateLimiter } from "./rate-limiter.js";
import { limiterTargets, type OpenedLimiter, LIMITER_T0 as T0 } from "./testing/limiter-targets.js";

const { targets } = await limiterTargets();

const rpm = (limit: number, key = "{t}:a:r"): CounterSpec => ({ key, kind: "requests", limit, cost: 1 });
const tpm = (limit: number, cost: number, key = "{t}:a:t"): CounterSpec => ({
  key,
  kind: "tokens",
  limit,
  cost,
});
const slots = (limit: number, key = "{t}:a:c"): CounterSpec => ({ key, kind: "concurrent", limit, cost: 1 });

for (const target of targets) {
  describe.skipIf(target.skip !== undefined)(`rate limiter on ${target.name}`, () => {
    let opened: OpenedLimiter;
    let limiter: RateLimiter;
    let n = 0;
    const check = (counters: CounterSpec[], now: number, lease = `req_${++n}`) =>
      limiter.acquire({ leaseId: lease, counters, now });

    beforeEach(async () => {
      opened = await target.open({ leaseTtlMs: 30_000 });
      limiter = opened.limiter;
    });
    afterEach(async () => {
      await opened.cleanup();
    });

    it("admits exactly `limit` requests in a window and reports what remains", async () => {
      for (let i = 0; i < 3; i++) {
        const d = await check([rpm(3)], T0 + i);
        expect(d.allowed).toBe(true);
        expect(d.counters[0]).toMatchObject({ limit: 3, remaining: 2 - i, resetAt: T0 + i + 60_000 });
      }
      const refused = await check([rpm(3)], T0 + 10);
      expect(refused).toMatchObject({ allowed: false, refusedBy: ["{t}:a:r"], retryAfterMs: 60_000 - 10 });
      expect(refused.counters[0]).toMatchObject({ remaining: 0, resetAt: T0 + 2 + 60_000 });
    });

    it("is exact at the window's boundary: an entry counts during [t, t + 60 s)", async () => {
      await check([rpm(1)], T0);
      expect((await check([rpm(1)], T0 + 59_999)).allowed).toBe(false);
      expect((await check([rpm(1)], T0 + 60_000)).allowed).toBe(true);
      expect((await check([rpm(1)], T0 + 119_999)).allowed).toBe(false);
    });

    it("slides: the oldest entries leave one by one", async () => {
      await check([rpm(2)], T0);
      await check([rpm(2)], T0 + 30_000);
      const refused = await check([rpm(2)], T0 + 45_000);
      expect(refused.retryAfterMs).toBe(15_000);
      expect((await check([rpm(2)], T0 + 60_000)).allowed).toBe(true);
      expect((await check([rpm(2)], T0 + 60_001)).allowed).toBe(false);
    });

    it("is all-or-nothing: a refusing counter leaves the others untouched", async () => {
      await check([rpm(1, "{t}:b:r")], T0);
      const refused = await check([rpm(5), tpm(100, 10), rpm(1, "{t}:b:r")], T0 + 1);
      expect(refused).toMatchObject({ allowed: false, refusedBy: ["{t}:b:r"] });
      expect(refused.counters.map((c) => c.remaining)).toEqual([5, 100, 0]);
      const next = await check([rpm(5), tpm(100, 10)], T0 + 2);
      expect(next.counters.map((c) => c.remaining)).toEqual([4, 90]);
    });

    it("reports every refusing counter and waits for the last of them", async () => {
      await check([rpm(1, "{t}:x:r")], T0);
      await check([rpm(1, "{t}:y:r")], T0 + 20_000);
      const refused = await check([rpm(1, "{t}:x:r"), rpm(1, "{t}:y:r")], T0 + 30_000);
      expect(refused.refusedBy).toEqual(["{t}:x:r", "{t}:y:r"]);
      expect(refused.retryAfterMs).toBe(50_000);
    });

    it("reserves tokens at admit and settles them to the actual use", async () => {
      expect((await check([tpm(1000, 800)], T0, "big")).counters[0]!.remaining).toBe(200);
      expect((await check([tpm(1000, 300)], T0 + 1)).allowed).toBe(false);
      await limiter.settle({
        leaseId: "big",
        tokens: [{ key: "{t}:a:t", actual: 150 }],
        concurrent: [],
        now: T0 + 2,
      });
      const d = await check([tpm(1000, 300)], T0 + 3);
      expect(d).toMatchObject({ allowed: true });
      expect(d.counters[0]!.remaining).toBe(550);
      // Settling twice changes nothing more.
      await limiter.settle({
        leaseId: "big",
        tokens: [{ key: "{t}:a:t", actual: 150 }],
        concurrent: [],
        now: T0 + 4,
      });
      expect((await check([tpm(1000, 0)], T0 + 5)).counters[0]!.remaining).toBe(550);
    });

    it("counts real use above the reservation until it leaves the window", async () => {
      await check([tpm(1000, 100)], T0, "under");
      await limiter.settle({
        leaseId: "under",
        tokens: [{ key: "{t}:a:t", actual: 1200 }],
        concurrent: [],
        now: T0 + 1,
      });
      const refused = await check([tpm(1000, 1)], T0 + 2);
      expect(refused).toMatchObject({ allowed: false, retryAfterMs: 60_000 - 2 });
      expect(refused.counters[0]!.remaining).toBe(0);
      expect((await check([tpm(1000, 1)], T0 + 60_000)).allowed).toBe(true);
    });

    it("holds concurrency slots until settle", async () => {
      expect((await check([slots(2)], T0, "s1")).counters[0]!.remaining).toBe(1);
      await check([slots(2)], T0, "s2");
      const refused = await check([slots(2)], T0 + 1);
      expect(refused).toMatchObject({ allowed: false, retryAfterMs: 1_000 });
      await limiter.settle({ leaseId: "s1", tokens: [], concurrent: ["{t}:a:c"], now: T0 + 2 });
      expect((await check([slots(2)], T0 + 3)).allowed).toBe(true);
    });

    it("expires the slots of a request never settled (a crashed instance) after the lease TTL", async () => {
      await check([slots(1)], T0, "lost");
      expect((await check([slots(1)], T0 + 29_999)).allowed).toBe(false);
      expect((await check([slots(1)], T0 + 30_000)).allowed).toBe(true);
    });

    it("shares one limit between instances on the same backend", async () => {
      const other = opened.sibling();
      expect((await limiter.acquire({ leaseId: "a", counters: [rpm(2)], now: T0 })).allowed).toBe(true);
      expect((await other.acquire({ leaseId: "b", counters: [rpm(2)], now: T0 + 1 })).allowed).toBe(true);
      expect((await limiter.acquire({ leaseId: "c", counters: [rpm(2)], now: T0 + 2 })).allowed).toBe(false);
      expect((await other.acquire({ leaseId: "d", counters: [rpm(2)], now: T0 + 3 })).allowed).toBe(false);
    });

    it("peeks at counters without consuming anything", async () => {
      await check([rpm(5), tpm(100, 30), slots(3)], T0, "p1");
      await check([rpm(5), tpm(100, 20), slots(3)], T0 + 10_000, "p2");
      const seen = await limiter.peek([rpm(5), tpm(100, 999), slots(3)], T0 + 20_000);
      expect(seen.map((c) => [c.remaining, c.resetAt])).toEqual([
        [3, T0 + 70_000],
        [50, T0 + 70_000],
        [1, T0 + 20_000],
      ]);
      expect((await limiter.peek([rpm(5)], T0 + 20_000))[0]!.remaining).toBe(3);
      const later = await limiter.peek([rpm(5), tpm(100, 0)], T0 + 65_000);
      expect(later.map((c) => c.remaining)).toEqual([4, 80]);
      const idle = await limiter.peek([rpm(5, "{t}:none:r")], T0);
      expect(idle[0]).toMatchObject({ remaining: 5, resetAt: T0 });
    });

    it("admits concurrent checks up to the limit exactly", async () => {
      const answers = await Promise.all(
        Array.from({ length: 20 }, (_, i) =>
          limiter.acquire({ leaseId: `p${i}`, counters: [rpm(7), slots(9)], now: T0 }),
        ),
      );
      expect(answers.filter((d) => d.allowed)).toHaveLength(7);
    });
  });
}

import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { BreakerBench } from "./testing/breaker-bench.js";
import { breakerTargets, CONFORMANCE_T0 as T0 } from "./testing/breaker-targets.js";

// Rate-limit cool-downs (a 429's Retry-After) and when a block began, on every store. The rest of the
// conformance suite: circuit-breakers.conformance.test.ts, circuit-breakers-panic.conformance.test.ts.
const { targets } = await breakerTargets();
const A = "dep-a";
const B = "dep-b";

for (const target of targets) {
  describe.skipIf(target.skip !== undefined)(`rate-limit cool-downs on ${target.name}`, () => {
    const bench = new BreakerBench(target);
    beforeEach(() => bench.open());
    afterEach(() => bench.cleanup());

    it("blocks a closed breaker until the cool-down ends, without counting a failure", async () => {
      const { breakers } = bench;
      await breakers.coolDown(A, 10_000);
      expect(breakers.isOpen(A)).toBe(true);
      expect(await breakers.canPass(A)).toBe(false);
      expect(await bench.snap(A)).toEqual({
        deploymentId: A,
        state: "open",
        consecutiveFailures: 0,
        windowFailures: 0,
        windowRequests: 0,
        openedAt: null,
        nextProbeAt: null,
        coolDownMs: 30_000,
        coolingUntil: T0 + 10_000,
      });
      bench.t += 9_999;
      expect(await breakers.canPass(A)).toBe(false);
      bench.t += 1;
      expect(breakers.isOpen(A)).toBe(false);
      expect(await breakers.canPass(A)).toBe(true);
      expect(await bench.snap(A)).toMatchObject({ state: "closed", coolingUntil: null });
    });

    it("leaves the failure streak and the window alone", async () => {
      await bench.fail(A, 2);
      await bench.succeed(A, 1);
      await bench.fail(A, 4);
      await bench.breakers.coolDown(A, 5_000);
      expect(await bench.snap(A)).toMatchObject({
        state: "open",
        consecutiveFailures: 4,
        windowFailures: 6,
        windowRequests: 7,
        openedAt: null,
        coolingUntil: T0 + 5_000,
      });
      bench.t += 5_000;
      await bench.fail(A, 1); // the streak survived the cool-down: the fifth failure in a row opens it
      expect(await bench.snap(A)).toMatchObject({
        state: "open",
        consecutiveFailures: 5,
        windowFailures: 7,
        windowRequests: 8,
        openedAt: T0 + 5_000,
        coolingUntil: null,
      });
    });

    it("leaves an open breaker's cool-down alone, and holds its probe back while cooling", async () => {
      const { breakers } = bench;
      await bench.fail(A, 5);
      bench.t += 1_000;
      await breakers.coolDown(A, 40_000);
      expect(await bench.snap(A)).toMatchObject({
        state: "open",
        openedAt: T0,
        nextProbeAt: T0 + 30_000,
        coolDownMs: 30_000,
        coolingUntil: T0 + 41_000,
      });
      bench.t = T0 + 30_000; // the breaker's probe is due, but the deployment asked for 41 s
      expect(breakers.isOpen(A)).toBe(true);
      expect(await breakers.canPass(A)).toBe(false);
      expect(await bench.snap(A)).toMatchObject({ state: "open", coolingUntil: T0 + 41_000 });
      bench.t = T0 + 41_000;
      expect(await breakers.canPass(A)).toBe(true); // the probe
      expect(await breakers.canPass(A)).toBe(false);
      await bench.succeed(A, 1);
      expect(await bench.snap(A)).toMatchObject({
        state: "closed",
        consecutiveFailures: 0,
        coolingUntil: null,
      });
    });

    it("shows a half-open breaker as open while it cools; a good probe closes it but the cool-down stays", async () => {
      const { breakers } = bench;
      await bench.fail(A, 5);
      bench.t += 30_000;
      expect(await breakers.canPass(A)).toBe(true); // the probe is out...
      await breakers.coolDown(A, 10_000); // ...when a 429 of another request arrives
      expect(await bench.snap(A)).toMatchObject({
        state: "open",
        nextProbeAt: bench.t + 60_000,
        coolingUntil: bench.t + 10_000,
      });
      await bench.succeed(A, 1);
      expect(await bench.snap(A)).toMatchObject({
        state: "open",
        openedAt: null,
        coolingUntil: bench.t + 10_000,
      });
      expect(breakers.isOpen(A)).toBe(true);
      bench.t += 10_000;
      expect(await bench.snap(A)).toMatchObject({ state: "closed", openedAt: null, coolingUntil: null });
      expect(await breakers.canPass(A)).toBe(true);
    });

    it("never shortens a cool-down in force: the later end wins", async () => {
      const { breakers } = bench;
      await breakers.coolDown(A, 20_000);
      bench.t += 1_000;
      await breakers.coolDown(A, 5_000);
      expect((await bench.snap(A)).coolingUntil).toBe(T0 + 20_000);
      expect(bench.store.peek(A)).toMatchObject({ coolUntil: T0 + 20_000, blockedSince: T0 });
      await breakers.coolDown(A, 30_000);
      expect((await bench.snap(A)).coolingUntil).toBe(T0 + 31_000);
      expect(bench.store.peek(A)).toMatchObject({ coolUntil: T0 + 31_000, blockedSince: T0 + 1_000 });
    });

    it("caps the cool-down at maxRateLimitCoolDownMs and ignores one of zero or less", async () => {
      await bench.open({ maxRateLimitCoolDownMs: 10_000 });
      const { breakers, store } = bench;
      await breakers.coolDown(A, 3_600_000);
      expect((await bench.snap(A)).coolingUntil).toBe(T0 + 10_000);
      for (const ms of [0, -1, Number.NaN]) {
        await breakers.coolDown(B, ms);
        expect(await store.coolDown(B, bench.t, ms)).toMatchObject({
          state: "closed",
          coolUntil: 0,
          coolSince: 0,
        });
      }
      expect(breakers.isOpen(B)).toBe(false);
      expect(await bench.snap(B)).toMatchObject({ state: "closed", coolingUntil: null });
    });

    it("rounds a fractional cool-down up to a whole millisecond", async () => {
      await bench.breakers.coolDown(A, 1_500.2);
      expect((await bench.snap(A)).coolingUntil).toBe(T0 + 1_501);
    });

    it("reports when each block began: openedAt, the cool-down's start, the earlier of both, else 0", async () => {
      const { breakers, store } = bench;
      await bench.fail(A, 5); // A opens at T0
      expect(store.peek(A)?.blockedSince).toBe(T0);
      bench.t = T0 + 1_000;
      await breakers.coolDown(A, 5_000); // A also cools from T0 + 1 s: still blocked since T0
      expect(store.peek(A)).toMatchObject({ blockedSince: T0, coolSince: T0 + 1_000, openedAt: T0 });
      bench.t = T0 + 2_000;
      await breakers.coolDown(B, 60_000); // B cools from T0 + 2 s...
      expect(store.peek(B)?.blockedSince).toBe(T0 + 2_000);
      bench.t = T0 + 3_000;
      await bench.fail(B, 5); // ...and opens at T0 + 3 s: blocked since T0 + 2 s
      expect(store.peek(B)).toMatchObject({ state: "open", openedAt: T0 + 3_000, blockedSince: T0 + 2_000 });
      bench.t = T0 + 30_000;
      expect(await breakers.canPass(A)).toBe(true); // A's probe: half-open, still blocked since T0
      expect(store.peek(A)).toMatchObject({ state: "half_open", blockedSince: T0 });
      await bench.succeed(A, 1);
      expect(store.peek(A)).toMatchObject({ state: "closed", blockedSince: 0, coolUntil: 0 });
      // A cool-down that ran out before the breaker opened is not part of its block.
      bench.t = T0 + 70_000;
      await breakers.coolDown(A, 1_000);
      bench.t = T0 + 80_000;
      await bench.fail(A, 5);
      expect(store.peek(A)).toMatchObject({ state: "open", blockedSince: T0 + 80_000 });
    });

    it("refuses the probe during a cool-down the local view has not seen yet", async () => {
      const other = await bench.sibling();
      expect(await other.breakers.canPass(A)).toBe(true); // the other instance now watches A
      await bench.fail(A, 5);
      await other.store.sync();
      expect(other.breakers.isOpen(A)).toBe(true);
      bench.t += 30_000;
      await bench.breakers.coolDown(A, 10_000); // this instance saw a 429; the other has not synced
      expect(await other.breakers.canPass(A)).toBe(false);
      expect(other.breakers.isOpen(A)).toBe(true); // the refusal brought its view up to date
      bench.t += 10_000;
      expect(await other.breakers.canPass(A)).toBe(true);
    });

    it("shares a cool-down between instances: one records it, the other blocks after its refresh", async () => {
      const other = await bench.sibling();
      expect(await other.breakers.canPass(A)).toBe(true); // the other instance now watches A
      await bench.breakers.coolDown(A, 10_000);
      await other.store.sync();
      expect(other.breakers.isOpen(A)).toBe(true);
      expect(await other.breakers.canPass(A)).toBe(false);
      expect(other.store.peek(A)).toMatchObject({ coolUntil: T0 + 10_000, blockedSince: T0 });
      expect(await bench.snap(A, other.breakers)).toMatchObject({ state: "open", coolingUntil: T0 + 10_000 });
      // A shorter one recorded by the other instance does not cut it short for either.
      bench.t += 1_000;
      await other.breakers.coolDown(A, 2_000);
      await bench.store.sync();
      expect(bench.store.peek(A)).toMatchObject({ coolUntil: T0 + 10_000 });
      bench.t = T0 + 10_000;
      expect(bench.breakers.isOpen(A)).toBe(false);
      expect(other.breakers.isOpen(A)).toBe(false);
    });
  });
}

import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { BreakerBench } from "./testing/breaker-bench.js";
import { breakerTargets, CONFORMANCE_T0 as T0 } from "./testing/breaker-targets.js";

// Panic mode on every store: the choice of a blocked deployment, and what the outcome of a call sent to one
// does. The rest of the conformance suite: circuit-breakers.conformance.test.ts,
// circuit-breakers-cool-down.conformance.test.ts.
const { targets } = await breakerTargets();
const A = "dep-a";
const B = "dep-b";
const C = "dep-c";
const PANIC = { panic: true } as const;

/** The health of a breaker that has never seen a call. */
const FRESH = {
  state: "closed",
  consecutiveFailures: 0,
  windowFailures: 0,
  windowRequests: 0,
  openedAt: null,
  nextProbeAt: null,
  coolDownMs: 30_000,
  coolingUntil: null,
};

for (const target of targets) {
  describe.skipIf(target.skip !== undefined)(`panic mode on ${target.name}`, () => {
    const bench = new BreakerBench(target);
    beforeEach(() => bench.open());
    afterEach(() => bench.cleanup());
    const id = (x: { id: string }) => x.id;

    it("chooses the deployment blocked longest, skipping those not blocked", async () => {
      const { breakers } = bench;
      const [a, b, c] = [{ id: A }, { id: B }, { id: C }];
      await bench.fail(A, 5); // A open since T0
      bench.t = T0 + 1_000;
      await breakers.coolDown(B, 60_000); // B cooling since T0 + 1 s; C healthy
      expect(breakers.firstBlocked([c, b, a], id)).toBe(a);
      expect(breakers.firstBlocked([b, c], id)).toBe(b);
      expect(breakers.firstBlocked([c], id)).toBeUndefined();
      expect(breakers.firstBlocked([], id)).toBeUndefined();
      bench.t = T0 + 30_000; // A's probe is due: it is no longer blocked, so not for panic mode
      expect(breakers.firstBlocked([a, b], id)).toBe(b);
    });

    it("agrees across instances once their views are refreshed", async () => {
      const other = await bench.sibling();
      const items = [{ id: C }, { id: B }, { id: A }];
      expect(other.breakers.firstBlocked(items, id)).toBeUndefined(); // the other instance now watches them
      bench.t = T0 + 1_000;
      await bench.breakers.coolDown(B, 60_000);
      bench.t = T0 + 2_000;
      await bench.fail(C, 5);
      await other.breakers.coolDown(A, 60_000);
      await other.store.sync();
      await bench.store.sync();
      expect(other.breakers.firstBlocked(items, id)?.id).toBe(B);
      expect(bench.breakers.firstBlocked(items, id)?.id).toBe(B);
    });

    it("a panic success closes an open breaker like a good probe, cool-down multiplier included", async () => {
      const { breakers } = bench;
      await bench.fail(A, 5);
      bench.t += 30_000;
      expect(await breakers.canPass(A)).toBe(true);
      await bench.fail(A, 1); // failed probe: open again for 60 s
      expect(await bench.snap(A)).toMatchObject({ state: "open", coolDownMs: 60_000 });
      bench.t += 1_000;
      await breakers.onSuccess(A, PANIC);
      expect(await bench.snap(A)).toEqual({ deploymentId: A, ...FRESH });
      expect(breakers.isOpen(A)).toBe(false);
      expect(bench.store.peek(A)).toMatchObject({ blockedSince: 0 });
      await bench.fail(A, 5); // opens again with the base cool-down
      expect(await bench.snap(A)).toMatchObject({
        state: "open",
        coolDownMs: 30_000,
        nextProbeAt: bench.t + 30_000,
      });
    });

    it("a panic success closes a half-open breaker whose probe is out elsewhere", async () => {
      const { breakers } = bench;
      await bench.fail(A, 5);
      bench.t += 30_000;
      expect(await breakers.canPass(A)).toBe(true);
      await breakers.onSuccess(A, PANIC);
      expect(await bench.snap(A)).toEqual({ deploymentId: A, ...FRESH });
      await breakers.onFailure(A); // the probe's late failure counts as a closed breaker's one
      expect(await bench.snap(A)).toMatchObject({ state: "closed", consecutiveFailures: 1 });
    });

    it("a panic success ends a rate-limit cool-down, and counts as a success of a closed breaker", async () => {
      const { breakers } = bench;
      await bench.fail(A, 2);
      await breakers.coolDown(A, 30_000);
      bench.t += 1_000;
      await breakers.onSuccess(A, PANIC);
      expect(breakers.isOpen(A)).toBe(false);
      expect(await breakers.canPass(A)).toBe(true);
      expect(await bench.snap(A)).toMatchObject({
        state: "closed",
        consecutiveFailures: 0,
        windowFailures: 2,
        windowRequests: 3,
        coolingUntil: null,
      });
    });

    it("a panic success ends both blocks of an open, cooling breaker", async () => {
      const { breakers } = bench;
      await bench.fail(A, 5);
      await breakers.coolDown(A, 50_000);
      bench.t += 1_000;
      await breakers.onSuccess(A, PANIC);
      expect(await bench.snap(A)).toEqual({ deploymentId: A, ...FRESH });
      expect(breakers.isOpen(A)).toBe(false);
    });

    it("without panic, an open breaker ignores a success and a cool-down stays", async () => {
      const { breakers } = bench;
      await bench.fail(A, 5);
      await breakers.coolDown(A, 50_000);
      bench.t += 1_000;
      await bench.succeed(A, 3);
      expect(await bench.snap(A)).toMatchObject({
        state: "open",
        openedAt: T0,
        consecutiveFailures: 5,
        coolingUntil: T0 + 50_000,
      });
      await breakers.coolDown(B, 10_000);
      await bench.succeed(B, 1); // a closed breaker's success does not end its cool-down either
      expect(await bench.snap(B)).toMatchObject({
        state: "open",
        windowRequests: 1,
        coolingUntil: bench.t + 10_000,
      });
    });

    it("failures of panic calls to an open breaker never lengthen its cool-down", async () => {
      await bench.fail(A, 5);
      for (let i = 0; i < 10; i++) {
        bench.t += 1_000;
        await bench.breakers.onFailure(A);
      }
      expect(await bench.snap(A)).toMatchObject({
        state: "open",
        openedAt: T0,
        nextProbeAt: T0 + 30_000,
        coolDownMs: 30_000,
        consecutiveFailures: 5,
      });
      bench.t = T0 + 30_000;
      expect(await bench.breakers.canPass(A)).toBe(true);
    });

    it("a panic success on one instance closes the breaker and ends the cool-down for both", async () => {
      const other = await bench.sibling();
      expect(await other.breakers.canPass(A)).toBe(true); // the other instance now watches A
      await bench.fail(A, 5);
      await bench.breakers.coolDown(A, 50_000);
      await other.store.sync();
      expect(other.breakers.isOpen(A)).toBe(true);
      bench.t += 1_000;
      await other.breakers.onSuccess(A, PANIC);
      expect(other.breakers.isOpen(A)).toBe(false);
      await bench.store.sync();
      expect(bench.breakers.isOpen(A)).toBe(false);
      expect(await bench.breakers.canPass(A)).toBe(true);
      expect(await bench.snap(A)).toEqual({ deploymentId: A, ...FRESH });
    });
  });
}

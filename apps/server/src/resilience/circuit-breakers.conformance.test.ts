import { afterAll, afterEach, beforeEach, describe, expect, it } from "vitest";
import type { BreakerPolicy } from "./breaker-policy.js";
import { CircuitBreakers } from "./circuit-breakers.js";
import { breakerTargets, type OpenedBreakers, CONFORMANCE_T0 as T0 } from "./testing/breaker-targets.js";

// The breaker's own transitions (failures, probes), on every store. Rate-limit cool-downs are in
// circuit-breakers-cool-down.conformance.test.ts, panic mode in circuit-breakers-panic.conformance.test.ts.
const { targets: TARGETS, redis: redisEnv } = await breakerTargets();
const A = "dep-a";

for (const target of TARGETS) {
  describe.skipIf(target.skip !== undefined)(`circuit breakers on ${target.name}`, () => {
    let t = T0;
    const now = () => t;
    let opened: OpenedBreakers | undefined;
    let breakers: CircuitBreakers;

    const open = async (policy: Partial<BreakerPolicy> = {}) => {
      opened = await target.open(policy);
      breakers = new CircuitBreakers(opened.store, { now });
      return opened;
    };
    const fail = async (id: string, n: number, b = breakers) => {
      for (let i = 0; i < n; i++) await b.onFailure(id);
    };
    const succeed = async (id: string, n: number, b = breakers) => {
      for (let i = 0; i < n; i++) await b.onSuccess(id);
    };
    const snap = async (id = A) => (await breakers.snapshot([id]))[0]!;

    beforeEach(async () => {
      t = T0;
      await open();
    });
    afterEach(async () => {
      await opened?.cleanup();
      opened = undefined;
    });

    it("starts closed: requests pass and the snapshot is empty", async () => {
      expect(await breakers.canPass(A)).toBe(true);
      expect(breakers.isOpen(A)).toBe(false);
      expect(await snap()).toEqual({
        deploymentId: A,
        state: "closed",
        consecutiveFailures: 0,
        windowFailures: 0,
        windowRequests: 0,
        openedAt: null,
        nextProbeAt: null,
        coolDownMs: 30_000,
        coolingUntil: null,
      });
    });

    it("opens after 5 consecutive failures and blocks until the cool-down ends", async () => {
      await fail(A, 4);
      expect(await breakers.canPass(A)).toBe(true);
      await fail(A, 1);
      expect(await snap()).toMatchObject({
        state: "open",
        consecutiveFailures: 5,
        windowFailures: 5,
        windowRequests: 5,
        openedAt: T0,
        nextProbeAt: T0 + 30_000,
      });
      expect(breakers.isOpen(A)).toBe(true);
      expect(await breakers.canPass(A)).toBe(false);
      t += 29_999;
      expect(await breakers.canPass(A)).toBe(false);
    });

    it("breaks the streak on a success", async () => {
      await fail(A, 4);
      await succeed(A, 1);
      await fail(A, 4);
      expect(await snap()).toMatchObject({ state: "closed", consecutiveFailures: 4, windowRequests: 9 });
    });

    it("opens on a failure rate of 50% once the window holds 10 requests", async () => {
      for (let i = 0; i < 4; i++) {
        await succeed(A, 1);
        await fail(A, 1);
      }
      await succeed(A, 1);
      expect((await snap()).state).toBe("closed"); // 4 of 9
      await fail(A, 1);
      expect(await snap()).toMatchObject({ state: "open", consecutiveFailures: 1, windowFailures: 5 });
    });

    it("does not trip on the rate below minRequests", async () => {
      for (const ok of [false, false, true, false, false, true, false, true]) {
        await (ok ? succeed(A, 1) : fail(A, 1));
      }
      expect(await snap()).toMatchObject({ state: "closed", windowFailures: 5, windowRequests: 8 });
    });

    it("forgets failures that slid out of the window", async () => {
      await open({ consecutiveFailures: 100 });
      await fail(A, 5);
      await succeed(A, 4);
      t += 31_000;
      await fail(A, 1);
      expect(await snap()).toMatchObject({ state: "closed", windowFailures: 1, windowRequests: 1 });
    });

    it("gives exactly one caller the probe once the cool-down is over", async () => {
      await fail(A, 5);
      t += 30_000;
      expect((await snap()).state).toBe("half_open");
      const answers = await Promise.all(Array.from({ length: 10 }, () => breakers.canPass(A)));
      expect(answers.filter(Boolean)).toHaveLength(1);
      expect(await snap()).toMatchObject({ state: "half_open", nextProbeAt: t + 60_000 });
      expect(breakers.isOpen(A)).toBe(true);
    });

    it("closes on a good probe, with every counter reset", async () => {
      await fail(A, 5);
      t += 30_000;
      expect(await breakers.canPass(A)).toBe(true);
      await succeed(A, 1);
      expect(await snap()).toEqual({
        deploymentId: A,
        state: "closed",
        consecutiveFailures: 0,
        windowFailures: 0,
        windowRequests: 0,
        openedAt: null,
        nextProbeAt: null,
        coolDownMs: 30_000,
        coolingUntil: null,
      });
      expect(await breakers.canPass(A)).toBe(true);
      await fail(A, 4);
      expect((await snap()).state).toBe("closed");
    });

    it("re-opens on a failed probe with the cool-down doubled, up to the maximum", async () => {
      await open({ maxCoolDownMs: 100_000 });
      await fail(A, 5);
      const expected = [60_000, 100_000, 100_000];
      let coolDown = 30_000;
      for (const next of expected) {
        t += coolDown;
        expect(await breakers.canPass(A)).toBe(true);
        await fail(A, 1);
        expect(await snap()).toMatchObject({
          state: "open",
          openedAt: t,
          nextProbeAt: t + next,
          coolDownMs: next,
        });
        expect(await breakers.canPass(A)).toBe(false);
        coolDown = next;
      }
    });

    it("hands the probe to another caller when the holder never reports", async () => {
      await fail(A, 5);
      t += 30_000;
      expect(await breakers.canPass(A)).toBe(true);
      t += 59_999;
      expect(await breakers.canPass(A)).toBe(false);
      t += 1;
      expect(await breakers.canPass(A)).toBe(true);
    });

    it("ignores late answers while open", async () => {
      await fail(A, 5);
      t += 1_000;
      await succeed(A, 1);
      await fail(A, 1);
      expect(await snap()).toMatchObject({ state: "open", openedAt: T0, nextProbeAt: T0 + 30_000 });
    });

    it("keeps breakers of different deployments apart", async () => {
      await fail(A, 5);
      const [a, b] = await breakers.snapshot([A, "dep-b"]);
      expect(a).toMatchObject({ deploymentId: A, state: "open" });
      expect(b).toMatchObject({ deploymentId: "dep-b", state: "closed", windowRequests: 0 });
      expect(await breakers.canPass("dep-b")).toBe(true);
    });

    it("sends the failing primary no traffic until its probe", async () => {
      const primaryAt: number[] = [];
      for (let i = 0; i < 200; i++, t += 1_000) {
        if (!(await breakers.canPass(A))) continue; // the secondary serves it
        primaryAt.push(t - T0);
        await fail(A, 1);
      }
      // 5 failures open it at 4 s; probes at 34 s (then 60 s cool-down) and 94 s (then 120 s, past the end).
      expect(primaryAt).toEqual([0, 1_000, 2_000, 3_000, 4_000, 34_000, 94_000]);
    });

    it("shares one breaker and one probe between two instances", async () => {
      const other = new CircuitBreakers(await opened!.sibling(), { now });
      expect(await other.canPass(A)).toBe(true); // the other instance now watches A
      await fail(A, 3);
      await fail(A, 2, other); // failures of both instances add up
      await opened!.store.sync();
      expect(breakers.isOpen(A)).toBe(true);
      expect(await breakers.canPass(A)).toBe(false);
      expect((await other.snapshot([A]))[0]).toMatchObject({ state: "open", consecutiveFailures: 5 });
      t += 30_000;
      const answers = await Promise.all(
        Array.from({ length: 10 }, (_, i) => (i % 2 === 0 ? breakers : other).canPass(A)),
      );
      expect(answers.filter(Boolean)).toHaveLength(1);
    });
  });
}

afterAll(() => {
  if (!redisEnv.available) console.warn(`Redis breaker tests skipped: ${redisEnv.reason}`);
});

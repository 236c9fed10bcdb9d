import type { FakeServer } from "@gatehouse/test-support";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seededRandom } from "../../resilience/seeded-random.js";
import { addModel, addProvider, startFake } from "../routing/routing-fixture.js";
import { chat, SURFACES } from "../routing/surface-client.js";
import { type BreakerGateway, healthOf, startBreakerGateway } from "./breaker-gateway.js";
import { breakerStoreKinds } from "./breaker-stores.js";

// Two deployments of one model, balanced 1:1. One fails: once its breaker opens, all traffic goes to the
// other (counted on the fakes). It recovers: nothing changes until the cool-down's one probe shows it
// healthy, then it gets its share again. Small policy values keep the test quick.
const kinds = await breakerStoreKinds();
const POLICY = { consecutiveFailures: 3, coolDownMs: 1_500 };

for (const kind of kinds) {
  describe.skipIf(kind.skip !== undefined)(`failover and recovery, breakers in ${kind.name}`, () => {
    let gw: BreakerGateway;
    let flaky: FakeServer;
    let steady: FakeServer;
    /** Requests each fake received since the last call. */
    let counted = { flaky: 0, steady: 0 };
    const sinceLast = () => {
      const out = {
        flaky: flaky.requests.length - counted.flaky,
        steady: steady.requests.length - counted.steady,
      };
      counted = { flaky: flaky.requests.length, steady: steady.requests.length };
      return out;
    };
    /** Sends `n` requests over the three surfaces (some streamed); every one must be served. */
    const serve = async (n: number) => {
      for (let i = 0; i < n; i++) {
        const res = await chat(gw, SURFACES[i % 3]!, "duo", { stream: i % 5 === 4 });
        expect(res.status, `request ${i}: ${res.body}`).toBe(200);
      }
    };

    beforeAll(async () => {
      flaky = await startFake("openai");
      steady = await startFake("openai");
      // A seeded balancer: the split below is the same on every run.
      gw = await startBreakerGateway(kind, POLICY, { random: seededRandom(7) });
      await addProvider(gw, "flaky", "openai", flaky);
      await addProvider(gw, "steady", "openai", steady);
      await addModel(gw, "duo", [{ provider: "flaky" }, { provider: "steady" }]);
    });
    afterAll(async () => {
      await gw?.close();
      await flaky?.close();
      await steady?.close();
    });

    it("both share the traffic while healthy", async () => {
      await serve(30);
      const split = sinceLast();
      expect(split.flaky + split.steady).toBe(30);
      expect(split.flaky).toBeGreaterThanOrEqual(8);
      expect(split.steady).toBeGreaterThanOrEqual(8);
    });

    it("once the failing one's breaker opens, all traffic moves to the healthy one", async () => {
      flaky.setMode("error-500");
      // Each request that meets the failing deployment fails over to the other within the request.
      let sent = 0;
      while ((await healthOf(gw, "duo", "flaky")).breaker.state !== "open") {
        expect(sent++).toBeLessThan(40);
        await serve(1);
      }
      expect(sinceLast().flaky).toBe(POLICY.consecutiveFailures);

      await serve(20);
      expect(sinceLast()).toEqual({ flaky: 0, steady: 20 });
      // Healthy again, but its breaker is still cooling down: still no traffic until the probe.
      flaky.setMode("ok");
      await serve(5);
      expect(sinceLast()).toEqual({ flaky: 0, steady: 5 });
      const { breaker } = await healthOf(gw, "duo", "flaky");
      expect(breaker).toMatchObject({ state: "open", consecutiveFailures: POLICY.consecutiveFailures });
      // The counts above were all inside the cool-down (a probe then would have changed them).
      expect(breaker.nextProbeAt).toBeGreaterThan(Date.now());
    });

    it("after the cool-down, one probe closes the breaker and the recovered one gets a share again", async () => {
      const { breaker } = await healthOf(gw, "duo", "flaky");
      await new Promise((r) => setTimeout(r, Math.max(0, breaker.nextProbeAt! - Date.now()) + 20));
      expect((await healthOf(gw, "duo", "flaky")).breaker.state).toBe("half_open"); // probe due
      await serve(40);
      const split = sinceLast();
      expect(split.flaky + split.steady).toBe(40);
      expect(split.flaky).toBeGreaterThanOrEqual(10);
      expect((await healthOf(gw, "duo", "flaky")).breaker).toMatchObject({
        state: "closed",
        consecutiveFailures: 0,
        openedAt: null,
      });
    });
  });
}

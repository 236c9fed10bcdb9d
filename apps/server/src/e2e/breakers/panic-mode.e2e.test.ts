import type { FakeServer } from "@gatehouse/test-support";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addModel, addProvider, startFake, usageOf } from "../routing/routing-fixture.js";
import {
  type ChatAnswer,
  chat,
  isSurfaceError,
  SURFACES,
  type SurfaceName,
} from "../routing/surface-client.js";
import {
  anotherKey,
  type BreakerGateway,
  deploymentIdOf,
  type GatewayInstance,
  healthOf,
  startBreakerGateway,
} from "./breaker-gateway.js";
import { breakerStoreKinds } from "./breaker-stores.js";

// A model with one deployment whose upstream fails 50 times in a row. The breaker opens after 5 failures,
// but a breaker only steers traffic: with nowhere else to go, every request is still sent (panic mode),
// once, so clients see the upstream's own error — and the moment the upstream is healthy again, the next
// client is served and the breaker closes. One client's failures cannot deny service to another.
const kinds = await breakerStoreKinds();
const STORM = 50;
const UPSTREAM_500_MESSAGE = "The server had an error while processing your request";

for (const kind of kinds) {
  describe.skipIf(kind.skip !== undefined)(`panic mode, breakers in ${kind.name}`, () => {
    let gw: BreakerGateway;
    let other: GatewayInstance;
    let up: FakeServer;
    let otherKey: string;
    let id: string;

    beforeAll(async () => {
      up = await startFake("openai");
      // Default policy (5 in a row, 30 s cool-down): no probe falls due during the test.
      gw = await startBreakerGateway(kind);
      await addProvider(gw, "solo", "openai", up);
      await addModel(gw, "solo", [{ provider: "solo" }]);
      otherKey = await anotherKey(gw, "other-client");
      id = deploymentIdOf(gw, "solo", "solo");
      // Another client, served by another instance sharing the breakers (Redis; for memory, the store).
      other = await gw.sibling();
    });
    afterAll(async () => {
      await gw?.close();
      await up?.close();
    });

    it("keeps sending a failing only deployment once per request, with the upstream's own error", async () => {
      up.setMode("error-500");
      const costs: { open: boolean; sent: number; requestId: string }[] = [];
      for (let i = 0; i < STORM; i++) {
        const surface = SURFACES[i % SURFACES.length]!;
        const open = gw.app.runtime.breakers.isOpen(id);
        const before = up.requests.length;
        const res = await chat(gw, surface, "solo", { stream: i % 4 === 3 });
        costs.push({ open, sent: up.requests.length - before, requestId: res.requestId });
        expectUpstream500(surface, res, `request ${i} (${surface})`);
      }
      // 5 failures open it: the first requests retry in place (2 attempts each) — but not once the
      // failure itself opened the breaker (the 3rd request's first attempt is the 5th failure) — then
      // every request goes once. Outcomes are recorded without the request waiting on them, so with Redis
      // the instance may hear that the breaker opened a request later.
      const closedAtStart = costs.filter((c) => !c.open);
      expect(costs.slice(0, 2).map((c) => c.sent)).toEqual([2, 2]);
      if (kind.name === "memory") expect(costs[2]!.sent).toBe(1);
      else expect([1, 2]).toContain(costs[2]!.sent);
      expect(closedAtStart.length).toBeLessThanOrEqual(kind.name === "memory" ? 3 : 4);
      expect(closedAtStart).toEqual(costs.slice(0, closedAtStart.length));
      const whileOpen = costs.slice(closedAtStart.length);
      expect(whileOpen.map((c) => c.sent)).toEqual(whileOpen.map(() => 1));
      // The usage record of a request sent while the breaker was open: one attempt, marked as panic.
      const last = await usageOf(gw, costs.at(-1)!.requestId);
      expect(last.attempts).toMatchObject([{ provider: "solo", status: 500, panic: true }]);
      expect(last.errorCode).toBe("upstream_error");

      // Failures of panic attempts are not counted: they would only lengthen the cool-down.
      const health = await healthOf(gw, "solo", "solo");
      expect(health.breaker).toMatchObject({ state: "open", consecutiveFailures: 5, coolingUntil: null });
    });

    it("concurrent requests while open cost one upstream attempt each, and none is refused", async () => {
      const before = up.requests.length;
      const answers = await Promise.all(
        Array.from({ length: 20 }, (_, i) => chat(gw, SURFACES[i % 3]!, "solo", { stream: i % 2 === 0 })),
      );
      for (const [i, res] of answers.entries()) expectUpstream500(SURFACES[i % 3]!, res, `concurrent ${i}`);
      expect(up.requests.length - before).toBe(20);
    });

    it("serves another client at once when the upstream recovers, and the success closes the breaker", async () => {
      // The other instance knows the breaker is open (for Redis, after its next refresh).
      await until(() => other.app.runtime.breakers.isOpen(id));
      up.setMode("ok");
      const before = up.requests.length;
      const first = await chat({ url: other.url, key: otherKey }, "anthropic", "solo");
      expect(first.status).toBe(200);
      expect(first.attempts).toBe(1);
      expect(first.ms).toBeLessThan(2_000); // at once: no waiting for the cool-down's probe
      expect(up.requests.length - before).toBe(1);
      const rec = await usageOf(gw, first.requestId);
      expect(rec.attempts).toMatchObject([{ provider: "solo", status: 200, panic: true }]);
      expect((await healthOf(gw, "solo", "solo")).breaker).toMatchObject({
        state: "closed",
        consecutiveFailures: 0,
        openedAt: null,
      });

      // Closed for every instance: the first one's next requests are ordinary again.
      await until(() => !gw.app.runtime.breakers.isOpen(id));
      const next = await Promise.all(SURFACES.map((s) => chat(gw, s, "solo", { stream: true })));
      for (const res of next) {
        expect(res.status).toBe(200);
        expect((await usageOf(gw, res.requestId)).attempts[0]).not.toHaveProperty("panic");
      }
    });
  });
}

/** The upstream's 500 in the client's protocol: a gateway's 502 `upstream_error` with the upstream's message. */
function expectUpstream500(surface: SurfaceName, res: ChatAnswer, what: string): void {
  // Never a 503 the gateway made up ("every deployment is failing"): the upstream's own failure.
  expect(res.status, what).toBe(502);
  expect(isSurfaceError(surface, res.body), what).toBe(true);
  expect(res.body, what).toContain(UPSTREAM_500_MESSAGE);
}

/** Waits until `check()` holds (a shared store's view refreshes in the background), at most 2 s. */
async function until(check: () => boolean): Promise<void> {
  for (let i = 0; i < 100 && !check(); i++) await new Promise((r) => setTimeout(r, 20));
  expect(check()).toBe(true);
}

import { type FakeServer, startFakeOpenAI } from "@gatehouse/test-support";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { CircuitBreakers } from "../../resilience/circuit-breakers.js";
import { MemoryBreakerStore } from "../../resilience/memory-breaker-store.js";
import type { ModelCatalog } from "../../routing/model-catalog.js";
import { type HeldResponse, holdClientResponse } from "./testing/hold-client-response.js";
import { runForward, settle } from "./testing/run-forward.js";
import { startUnitRuntime, type UnitRuntime } from "./testing/start-unit-runtime.js";
import { chatBuild } from "./testing/unit-calls.js";
import { UnitCatalog } from "./testing/unit-catalog.js";

// Panic mode (forward.ts): every deployment a request could reach is blocked and nothing was sent, so it
// goes once, to the deployment whose block began first. The clock is the test's: blocks begin when it says.
let clock = 1_000_000;
let u: UnitRuntime;
let held: HeldResponse;
let a: FakeServer;
let b: FakeServer;
let c: FakeServer;

beforeAll(async () => {
  [a, b, c] = await Promise.all([startFakeOpenAI(), startFakeOpenAI(), startFakeOpenAI()]);
  u = await startUnitRuntime({
    now: () => clock,
    random: () => 0,
    retryPolicy: { maxAttempts: 3 },
  });
  u.rt.catalog = new UnitCatalog(u.principal.tenantId)
    .provider("a", "openai", a.url)
    .provider("b", "openai", b.url)
    .provider("c", "openai", c.url)
    .model("duo", [{ provider: "a" }, { provider: "b", priority: 1 }], { fallbackModels: ["spare"] })
    .model("spare", [{ provider: "c" }])
    .model("lapse", [{ provider: "a" }], { fallbackModels: ["tick"] })
    .build();
  held = await holdClientResponse();
});
afterAll(async () => {
  await held?.close();
  await u?.close();
  await Promise.all([a?.close(), b?.close(), c?.close()]);
});
beforeEach(() => {
  // Fresh breakers: no test inherits another's blocks.
  u.rt.breakers = new CircuitBreakers(new MemoryBreakerStore({ consecutiveFailures: 1 }), {
    now: () => clock,
  });
  for (const f of [a, b, c]) {
    f.requests.length = 0;
    f.setMode("ok");
  }
});

const A = "dep_duo_a";
const B = "dep_duo_b";
const C = "dep_spare_c";

/** Blocks the deployments in order, one second apart: the first named is blocked longest. */
async function block(...ids: string[]) {
  for (const id of ids) {
    await u.rt.breakers.coolDown(id, 60_000);
    clock += 1_000;
  }
}

describe("forward in panic mode", () => {
  it("sends once to the deployment blocked first, marks the attempt, and its success unblocks it", async () => {
    await block(C, B, A); // C (the fallback model's) is blocked longest
    const run = await runForward(u, held.res, "duo");
    expect(run.error).toBeUndefined();
    expect(run.served?.candidate.deployment.id).toBe(C);
    expect([a.requests.length, b.requests.length, c.requests.length]).toEqual([0, 0, 1]);
    expect(run.scope.attempts).toMatchObject([{ deployment: C, status: 200, panic: true }]);
    expect(run.begun.map((s) => s.candidate.deployment.id)).toEqual([C]);
    await settle();
    expect(u.rt.breakers.isOpen(C)).toBe(false);
    expect(u.rt.breakers.isOpen(A)).toBe(true);
  });

  it("closes an open breaker (not only a cool-down) on a panic success", async () => {
    await u.rt.breakers.onFailure(B); // opens (one failure is enough here)
    clock += 1_000;
    await block(A, C);
    const run = await runForward(u, held.res, "duo");
    expect(run.served?.candidate.deployment.id).toBe(B);
    await settle();
    const [snap] = await u.rt.breakers.snapshot([B]);
    expect(snap).toMatchObject({ state: "closed", consecutiveFailures: 0 });
  });

  it("never retries a panic attempt: one upstream call, whose failure is the answer", async () => {
    await block(A, B, C);
    a.setMode("error-503");
    const run = await runForward(u, held.res, "duo");
    expect(run.error?.code).toBe("upstream_overloaded");
    expect([a.requests.length, b.requests.length, c.requests.length]).toEqual([1, 0, 0]);
    expect(run.scope.attempts).toHaveLength(1);
  });

  it("answers the upstream's own 429 with its retry-after, never a 503 of its own", async () => {
    await block(B, A, C);
    b.setMode("error-429");
    const run = await runForward(u, held.res, "duo");
    expect(run.error?.code).toBe("upstream_rate_limited");
    expect(run.error?.status).toBe(429);
    expect(run.error?.details.retryAfterSeconds).toBe(1);
  });

  it("passes over a blocked deployment that cannot take the request, to the next blocked first", async () => {
    await block(A, C, B);
    const built: string[] = [];
    const run = await runForward(u, held.res, "duo", { build: chatBuild({ a: "no tools on a" }, built) });
    expect(run.served?.candidate.deployment.id).toBe(C);
    expect(a.requests).toHaveLength(0);
    expect(built).toEqual(["duo/a", "spare/c"]); // built only when its turn came
  });

  it("is no panic when one deployment the request could reach passes: that one serves, unmarked", async () => {
    await block(A, B); // the fallback model's deployment is healthy
    const run = await runForward(u, held.res, "duo");
    expect(run.served?.candidate.deployment.id).toBe(C);
    expect(run.scope.attempts).toEqual([expect.not.objectContaining({ panic: true })]);
    expect(u.rt.breakers.isOpen(A) && u.rt.breakers.isOpen(B)).toBe(true);
  });

  it("sends to a deployment whose block ended while the request was routed, never failing for it", async () => {
    const real = u.rt.catalog;
    // Looking up the fallback model takes the time the block has left (a slow lookup, a paused process).
    u.rt.catalog = {
      resolve: (tenantId: string, name: string) => {
        if (name === "tick") clock += 5_000;
        return real.resolve(tenantId, name);
      },
      list: (tenantId: string) => real.list(tenantId),
    } as ModelCatalog;
    try {
      await u.rt.breakers.coolDown("dep_lapse_a", 1_000);
      const run = await runForward(u, held.res, "lapse");
      expect(run.error).toBeUndefined();
      expect(run.served?.candidate.deployment.id).toBe("dep_lapse_a");
      expect(a.requests).toHaveLength(1);
    } finally {
      u.rt.catalog = real;
    }
  });
});

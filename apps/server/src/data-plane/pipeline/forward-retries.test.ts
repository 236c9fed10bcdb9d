import { GatewayError } from "@gatehouse/protocol";
import { type FakeServer, startFakeOpenAI } from "@gatehouse/test-support";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { CircuitBreakers } from "../../resilience/circuit-breakers.js";
import { MemoryBreakerStore } from "../../resilience/memory-breaker-store.js";
import { RetryBudget } from "../../resilience/retry-budget.js";
import { type HeldResponse, holdClientResponse } from "./testing/hold-client-response.js";
import { runForward } from "./testing/run-forward.js";
import { startUnitRuntime, type UnitRuntime } from "./testing/start-unit-runtime.js";
import { UnitCatalog } from "./testing/unit-catalog.js";

// Retries in place (forward.ts tryCandidate): only when nothing better is left; and the pending usage
// record (beforeFirstAttempt) once per request, whatever the retries and fallbacks.
let u: UnitRuntime;
let held: HeldResponse;
let a: FakeServer;
let b: FakeServer;
let fb: FakeServer;

beforeAll(async () => {
  [a, b, fb] = await Promise.all([startFakeOpenAI(), startFakeOpenAI(), startFakeOpenAI()]);
  u = await startUnitRuntime({ random: () => 0, retryPolicy: { maxAttempts: 3 } });
  u.rt.catalog = new UnitCatalog(u.principal.tenantId)
    .provider("a", "openai", a.url)
    .provider("b", "openai", b.url)
    .provider("fb", "openai", fb.url)
    .model("solo", [{ provider: "a" }])
    .model("pair", [{ provider: "a" }, { provider: "b" }])
    .model("tiers", [{ provider: "a" }, { provider: "b", priority: 1 }])
    .model("with-fallback", [{ provider: "a" }], { fallbackModels: ["spare"] })
    .model("spare", [{ provider: "fb" }])
    .build();
  held = await holdClientResponse();
});
afterAll(async () => {
  await held?.close();
  await u?.close();
  await Promise.all([a, b, fb].map((f) => f?.close()));
});
beforeEach(() => {
  u.rt.breakers = new CircuitBreakers(new MemoryBreakerStore(), { now: u.rt.now });
  for (const f of [a, b, fb]) {
    f.requests.length = 0;
    f.setMode("ok");
  }
});

const counts = () => [a.requests.length, b.requests.length, fb.requests.length];

describe("forward: retries in place", () => {
  it("retries the one deployment there is", async () => {
    a.setMode("error-500", 1);
    const run = await runForward(u, held.res, "solo");
    expect(run.served?.candidate.target.name).toBe("a");
    expect(counts()).toEqual([2, 0, 0]);
    expect(run.scope.attempts.map((x) => x.status)).toEqual([500, 200]);
  });

  it("does not retry while another deployment of the group is left: that one goes next", async () => {
    a.setMode("error-500", 1);
    const run = await runForward(u, held.res, "pair");
    expect(run.served?.candidate.target.name).toBe("b");
    expect(counts()).toEqual([1, 1, 0]);
  });

  it("does not retry while a later priority group has a deployment that passes", async () => {
    a.setMode("error-500", 1);
    expect((await runForward(u, held.res, "tiers")).served?.candidate.target.name).toBe("b");
    expect(counts()).toEqual([1, 1, 0]);
  });

  it("retries in place when the later group's deployments are all blocked", async () => {
    await u.rt.breakers.coolDown("dep_tiers_b", 60_000);
    a.setMode("error-500", 1);
    expect((await runForward(u, held.res, "tiers")).served?.candidate.target.name).toBe("a");
    expect(counts()).toEqual([2, 0, 0]);
  });

  it("stops at the policy's attempts on a deployment, then falls back", async () => {
    a.setMode("error-503");
    const run = await runForward(u, held.res, "with-fallback");
    expect(run.served?.route.model.name).toBe("spare");
    expect(counts()).toEqual([3, 0, 1]); // maxAttempts 3 on a, since the fallback model is not "another deployment"
  });

  it("never retries nor falls back from the client's own mistake (4xx)", async () => {
    a.setMode("error-400");
    const run = await runForward(u, held.res, "with-fallback");
    expect(run.error?.status).toBe(400);
    expect(counts()).toEqual([1, 0, 0]);
  });

  it("does not wait for a Retry-After that ends past the deadline: the 429 is the answer at once", async () => {
    a.setMode("error-429"); // retry-after: 1 s
    const started = Date.now();
    const run = await runForward(u, held.res, "solo", { overrides: { timeouts: { totalMs: 300 } } });
    expect(run.error?.code).toBe("upstream_rate_limited");
    expect(Date.now() - started).toBeLessThan(900);
    expect(counts()).toEqual([1, 0, 0]);
  });
});

describe("forward: the retry budget", () => {
  it("with none left, the first failure is the answer: no retry, no fallback", async () => {
    const shared = u.rt.retryBudget;
    u.rt.retryBudget = new RetryBudget({ ratio: 0, minPerWindow: 0 });
    try {
      a.setMode("error-503");
      const run = await runForward(u, held.res, "with-fallback");
      expect(run.error?.code).toBe("upstream_overloaded");
      expect(counts()).toEqual([1, 0, 0]);
    } finally {
      u.rt.retryBudget = shared;
    }
  });
});

describe("forward: beforeFirstAttempt", () => {
  it("runs exactly once, for the first deployment tried, across retries and fallbacks", async () => {
    a.setMode("error-503");
    const run = await runForward(u, held.res, "with-fallback");
    expect(run.scope.attempts).toHaveLength(4);
    expect(run.begun.map((s) => s.candidate.deployment.id)).toEqual(["dep_with-fallback_a"]);
  });

  it("runs before any upstream byte: when it fails, nothing is sent and its error is the answer", async () => {
    const refusal = new GatewayError("service_unavailable", "Usage could not be recorded.");
    const run = await runForward(u, held.res, "solo", {
      beforeFirstAttempt: async () => {
        expect(a.requests).toHaveLength(0);
        throw refusal;
      },
    });
    expect(run.error).toBe(refusal);
    expect(run.begun).toHaveLength(1);
    expect(counts()).toEqual([0, 0, 0]);
  });
});

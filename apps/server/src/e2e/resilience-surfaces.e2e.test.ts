import type { FakeServer } from "@gatehouse/test-support";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DeploymentHealth } from "../control-plane/deployment-health.js";
import { estimateTokens } from "../metering/estimate-tokens.js";
import { MemoryBreakerStore } from "../resilience/memory-breaker-store.js";
import { startTestGateway, type TestGateway } from "../testing/start-test-gateway.js";
import { addModel, addProvider, startFake, usageOf } from "./routing/routing-fixture.js";
import {
  answerText,
  chat,
  endedWithSuccess,
  isSurfaceError,
  lastStreamError,
  SURFACES,
} from "./routing/surface-client.js";

// The resilience scenarios, through each client surface; upstreams speak the client's protocol
// (the passthrough path), except where a scenario needs an OpenAI upstream's Retry-After header.
const COOL_DOWN_MS = 400;
/** What a timeout may overshoot: timers, a loaded machine, the error answer's own round trip. */
const MARGIN_MS = 500;

describe.each(SURFACES)("%s client", (surface) => {
  let gw: TestGateway;
  const f: Record<string, FakeServer> = {};

  beforeAll(async () => {
    const kind = surface;
    f.primary = await startFake(kind);
    f.backup = await startFake(kind);
    f.strict = await startFake(kind);
    // Anthropic's first events carry no text: the fault comes after some text in every protocol.
    f.flaky = await startFake(kind, { chunks: 8, faultAfterChunks: 5 });
    f.hung = await startFake(kind, { mode: "hang" });
    f.slow = await startFake(kind, { chunks: 20, chunkDelayMs: 100 });
    f.limited = await startFake("openai");
    f.patient = await startFake("openai", { mode: "error-429", retryAfterSeconds: 30 });
    gw = await startTestGateway({
      retryPolicy: { backoff: { baseMs: 1, maxMs: 5 } },
      breakerStore: new MemoryBreakerStore({ coolDownMs: COOL_DOWN_MS }),
    });
    for (const [name, fake] of Object.entries(f)) {
      await addProvider(gw, name, name === "limited" || name === "patient" ? "openai" : kind, fake);
    }
    await addModel(gw, "fb", [{ provider: "primary" }, { provider: "backup", priority: 1 }]);
    await addModel(gw, "strict", [{ provider: "strict" }]);
    await addModel(gw, "flaky", [{ provider: "flaky" }, { provider: "backup", priority: 1 }]);
    await addModel(gw, "hung", [{ provider: "hung" }]);
    await addModel(gw, "hung-600", [{ provider: "hung" }], { timeouts: { totalMs: 600 } });
    await addModel(gw, "slow", [{ provider: "slow" }]);
    await addModel(gw, "limited", [{ provider: "limited" }]);
    await addModel(gw, "patient", [{ provider: "patient" }]);
    await addModel(gw, "patient-fb", [{ provider: "patient" }, { provider: "backup", priority: 1 }]);
  });
  afterAll(async () => {
    await gw?.close();
    for (const fake of Object.values(f)) await fake.close();
  });

  async function health(model: string, provider: string): Promise<DeploymentHealth> {
    const res = await gw.app.server.inject({
      method: "GET",
      url: "/api/deployments/health",
      headers: { authorization: `Bearer ${gw.key}` },
    });
    const rows = res.json().deployments as DeploymentHealth[];
    return rows.find((r) => r.model === model && r.provider === provider)!;
  }

  it("serves every request while the primary returns 500s; after 5 failures the primary gets no traffic until its probe", async () => {
    f.primary!.setMode("error-500");
    const statuses: number[] = [];
    for (let i = 0; i < 12; i++) {
      const res = await chat(gw, surface, "fb", { stream: i % 2 === 1 });
      statuses.push(res.status);
      expect(res.provider).toBe("backup");
    }
    expect(statuses).toEqual(Array(12).fill(200));
    expect(f.primary!.requests).toHaveLength(5); // one attempt per request until the breaker opened
    expect((await health("fb", "primary")).breaker.state).toBe("open");

    await new Promise((r) => setTimeout(r, COOL_DOWN_MS + 50));
    f.primary!.setMode("ok");
    const probe = await chat(gw, surface, "fb");
    expect(probe.status).toBe(200);
    expect(probe.provider).toBe("primary"); // the one probe went to the primary, and closed its breaker
    expect(f.primary!.requests).toHaveLength(6);
    expect((await chat(gw, surface, "fb", { stream: true })).provider).toBe("primary");
    expect((await health("fb", "primary")).breaker.state).toBe("closed");
  });

  it("honours Retry-After on a 429, then succeeds on the same deployment", async () => {
    f.limited!.setMode("error-429", 1);
    const res = await chat(gw, surface, "limited");
    expect(res.status).toBe(200);
    expect(res.attempts).toBe(2);
    expect(res.ms).toBeGreaterThanOrEqual(900);
  });

  it("a Retry-After over the cap: falls back when it can, else answers 429 with the Retry-After", async () => {
    const fb = await chat(gw, surface, "patient-fb");
    expect(fb.status).toBe(200);
    expect(fb.provider).toBe("backup");
    expect(fb.ms).toBeLessThan(5_000);
    const alone = await chat(gw, surface, "patient");
    expect(alone.status).toBe(429);
    expect(alone.headers.get("retry-after")).toBe("30");
    expect(isSurfaceError(surface, alone.body)).toBe(true);
  });

  it("never retries a 400", async () => {
    f.strict!.setMode("error-400", 1);
    const res = await chat(gw, surface, "strict");
    expect(res.status).toBe(400);
    expect(isSurfaceError(surface, res.body)).toBe(true);
    expect(f.strict!.requests).toHaveLength(1);
  });

  it("a reset mid-stream → the protocol's error event, no retry, usage = what was delivered", async () => {
    f.flaky!.setMode("reset-mid-stream", 1);
    const backupBefore = f.backup!.requests.length;
    const res = await chat(gw, surface, "flaky", { stream: true });
    expect(res.status).toBe(200);
    const delivered = answerText(surface, res);
    expect(delivered.length).toBeGreaterThan(0);
    expect(lastStreamError(surface, res.body)).toBeDefined();
    expect(endedWithSuccess(surface, res.body)).toBe(false);
    expect(f.flaky!.requests).toHaveLength(1);
    expect(f.backup!.requests.length).toBe(backupBefore); // nothing retried after the first byte
    const rec = await usageOf(gw, res.requestId);
    expect(rec.status).toBe("interrupted");
    expect(rec.attempts).toHaveLength(1);
    // Counted: what reached the client (the upstream's own count so far, or an estimate of the text).
    expect(rec.outputTokens).toBeGreaterThan(0);
    expect(rec.outputTokens).toBeLessThanOrEqual(estimateTokens(delivered.length));
  });

  it.each([false, true])(
    "a hung upstream → 504 within the x-gatehouse-timeout-ms plus a margin (stream: %s)",
    async (stream) => {
      const res = await chat(gw, surface, "hung", { stream, headers: { "x-gatehouse-timeout-ms": "800" } });
      expect(res.status).toBe(504);
      expect(isSurfaceError(surface, res.body)).toBe(true);
      expect(res.ms).toBeGreaterThanOrEqual(750);
      expect(res.ms).toBeLessThan(800 + MARGIN_MS);
      // The client chose to wait less: that does not count against the deployment.
      expect((await health("hung", "hung")).breaker.consecutiveFailures).toBe(0);
    },
  );

  it("a model's own total timeout applies without any header", async () => {
    const res = await chat(gw, surface, "hung-600");
    expect(res.status).toBe(504);
    expect(res.ms).toBeLessThan(600 + MARGIN_MS);
  });

  it("the total timeout cuts a stream in flight: the protocol's error event after the first bytes", async () => {
    const res = await chat(gw, surface, "slow", {
      stream: true,
      headers: { "x-gatehouse-timeout-ms": "700" },
    });
    expect(res.status).toBe(200);
    expect(answerText(surface, res).length).toBeGreaterThan(0);
    expect(lastStreamError(surface, res.body)).toBeDefined();
    expect(endedWithSuccess(surface, res.body)).toBe(false);
    expect(res.ms).toBeLessThan(700 + MARGIN_MS);
    const rec = await usageOf(gw, res.requestId);
    expect(rec.errorCode).toBe("upstream_timeout");
    expect(rec.status).toBe("interrupted");
  });

  it("keeps upstream attempts within 1.2× client requests (plus the budget's floor) under a 100% 503 storm", async () => {
    // Breakers that never open, so that only the retry budget bounds the attempts (with breakers, the
    // storm stops reaching the upstreams at all after 5 failures each).
    const stormA = await startFake(surface, { mode: "error-503" });
    const stormB = await startFake(surface, { mode: "error-503" });
    const storm = await startTestGateway({
      retryPolicy: { backoff: { baseMs: 1, maxMs: 2 } },
      breakerStore: new MemoryBreakerStore({ consecutiveFailures: 1_000_000, minRequests: 1_000_000 }),
    });
    try {
      await addProvider(storm, "stormA", surface, stormA);
      await addProvider(storm, "stormB", surface, stormB);
      await addModel(storm, "storm", [{ provider: "stormA" }, { provider: "stormB", priority: 1 }]);
      const n = 100;
      for (let i = 0; i < n; i++) {
        const res = await chat(storm, surface, "storm", { stream: i % 3 === 0 });
        expect(res.status).toBeGreaterThanOrEqual(500);
        expect(isSurfaceError(surface, res.body)).toBe(true);
      }
      const attempts = stormA.requests.length + stormB.requests.length;
      expect(attempts).toBeGreaterThan(n); // retries and fallbacks did happen...
      expect(attempts).toBeLessThanOrEqual(Math.ceil(1.2 * n) + 10); // ...within the budget (floor: 10)
    } finally {
      await storm.close();
      await stormA.close();
      await stormB.close();
    }
  });
});

import type { ServerResponse } from "node:http";
import fc from "fast-check";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { CircuitBreakers } from "../../resilience/circuit-breakers.js";
import { MemoryBreakerStore } from "../../resilience/memory-breaker-store.js";
import type { Candidate, Route } from "../../routing/model-catalog.js";
import { requestDeadline } from "./attempt-limits.js";
import type { Served } from "./outcome.js";
import { type AttemptResult, sendAttempt } from "./send-attempt.js";
import { type HeldResponse, holdClientResponse } from "./testing/hold-client-response.js";
import { settle } from "./testing/run-forward.js";
import { scopeFor } from "./testing/scope-for.js";
import { type ScriptedUpstream, startScriptedUpstream } from "./testing/start-scripted-upstream.js";
import { startUnitRuntime, type UnitRuntime } from "./testing/start-unit-runtime.js";
import { chatCall } from "./testing/unit-calls.js";
import { UnitCatalog } from "./testing/unit-catalog.js";

// What one attempt tells the deployment's breaker: a 429 cools it down (its Retry-After, else 1 s) without
// counting a failure; a 5xx, 401/403 or timeout is a failure; the client's own mistakes are neither.
const clock = 5_000_000;
let u: UnitRuntime;
let held: HeldResponse;
let upstream: ScriptedUpstream;

/** Answers the status in `x-status`, with `retry-after: x-retry-after` when given, in OpenAI's error shape. */
function answerAsAsked(res: ServerResponse, req: { headers: Record<string, unknown> }) {
  const status = Number(req.headers["x-status"] ?? 200);
  const headers: Record<string, string> = { "content-type": "application/json" };
  const wait = req.headers["x-retry-after"];
  if (typeof wait === "string") headers["retry-after"] = wait;
  const body =
    status < 400
      ? { id: "c", object: "chat.completion", choices: [], usage: { prompt_tokens: 1, completion_tokens: 1 } }
      : { error: { message: `status ${status}`, type: "server_error" } };
  res.writeHead(status, headers).end(JSON.stringify(body));
}

beforeAll(async () => {
  upstream = await startScriptedUpstream(answerAsAsked);
  u = await startUnitRuntime({ now: () => clock });
  u.rt.catalog = new UnitCatalog(u.principal.tenantId)
    .provider("s", "openai", upstream.url)
    .model("m", [{ provider: "s" }])
    .build();
  held = await holdClientResponse();
});
afterAll(async () => {
  await held?.close();
  await u?.close();
  await upstream?.close();
});
beforeEach(() => {
  u.rt.breakers = new CircuitBreakers(new MemoryBreakerStore(), { now: () => clock });
});

const DEP = "dep_m_s";

/** One attempt at the scripted upstream, asking it for `status` (and a Retry-After). */
async function attempt(status: number, retryAfter?: string, panic = false): Promise<AttemptResult> {
  return (await attemptIn(status, retryAfter, panic)).result;
}

async function attemptIn(status: number, retryAfter?: string, panic = false, arrivedMsAgo = 0) {
  const scope = { ...scopeFor(u.rt, u.principal, "m"), startedAt: clock - arrivedMsAgo };
  const route: Route = scope.route!;
  const candidate: Candidate = route.groups[0]![0]!;
  const call = chatCall(candidate);
  const headers: Record<string, string> = { ...call.up.headers, "x-status": String(status) };
  if (retryAfter !== undefined) headers["x-retry-after"] = retryAfter;
  const served: Served = { route, candidate };
  const deadline = requestDeadline(u.rt.timeouts, scope.startedAt, route, undefined);
  const limits = { firstByteMs: 5_000, idleMs: 5_000, deadline };
  const result = await sendAttempt(
    u.rt,
    scope,
    held.res,
    served,
    { ...call, up: { ...call.up, headers } },
    limits,
    panic,
  );
  if (result !== undefined && "response" in result) {
    await result.response.body.text();
    result.release();
  }
  await settle();
  return { result, scope };
}

async function breaker() {
  const [snap] = await u.rt.breakers.snapshot([DEP]);
  return {
    failures: snap!.consecutiveFailures,
    coolingMs: snap!.coolingUntil === null ? 0 : snap!.coolingUntil - clock,
  };
}

describe("sendAttempt: what the breaker is told", () => {
  it("a success: the exchange to relay, the attempt recorded, nothing held once released", async () => {
    const { result, scope } = await attemptIn(200);
    expect(result).toMatchObject({ served: { candidate: { deployment: { id: DEP } } } });
    expect(scope.attempts).toEqual([
      { model: "m", provider: "s", deployment: DEP, status: 200, atMs: 0, ms: 0 },
    ]);
    expect(await breaker()).toEqual({ failures: 0, coolingMs: 0 });
    expect(u.rt.balancer.inFlight.get(DEP)).toBe(0);
  });

  it("records when the attempt was sent (after the request arrived) and a failure's error code", async () => {
    const ok = await attemptIn(200, undefined, false, 40);
    expect(ok.scope.attempts[0]).toMatchObject({ atMs: 40, status: 200 });
    expect(ok.scope.attempts[0]).not.toHaveProperty("error");
    const bad = await attemptIn(503, undefined, false, 7);
    expect(bad.scope.attempts[0]).toMatchObject({ atMs: 7, status: 503, error: "upstream_overloaded" });
  });

  it("a 429 cools the deployment down for its Retry-After, counting no failure", async () => {
    const result = await attempt(429, "7");
    expect(result).toMatchObject({ error: { code: "upstream_rate_limited" } });
    expect(await breaker()).toEqual({ failures: 0, coolingMs: 7_000 });
    expect(u.rt.breakers.isOpen(DEP)).toBe(true);
  });

  it("a 429 without Retry-After cools it down for one second", async () => {
    await attempt(429);
    expect(await breaker()).toEqual({ failures: 0, coolingMs: 1_000 });
  });

  it("a 5xx counts a failure; a 400 counts nothing", async () => {
    expect(await attempt(500)).toMatchObject({ error: { code: "upstream_error" } });
    expect(await breaker()).toEqual({ failures: 1, coolingMs: 0 });
    expect(await attempt(400)).toMatchObject({ error: { code: "invalid_request", status: 400 } });
    expect(await breaker()).toEqual({ failures: 1, coolingMs: 0 });
  });

  it("a success in panic mode ends a cool-down", async () => {
    await attempt(429, "30");
    expect(u.rt.breakers.isOpen(DEP)).toBe(true);
    const { scope } = await attemptIn(200, undefined, true);
    expect(u.rt.breakers.isOpen(DEP)).toBe(false);
    expect(scope.attempts[0]?.panic).toBe(true);
  });

  it("for any status: 429 cools (Retry-After capped at a minute), 5xx/401/403 fail, other 4xx do neither", async () => {
    const statuses = fc.constantFrom(400, 401, 403, 409, 410, 415, 422, 429, 500, 502, 503, 504, 529);
    await fc.assert(
      fc.asyncProperty(statuses, fc.option(fc.integer({ min: 1, max: 600 })), async (status, wait) => {
        u.rt.breakers = new CircuitBreakers(new MemoryBreakerStore(), { now: () => clock });
        await attempt(status, wait === null ? undefined : String(wait));
        const expected =
          status === 429
            ? { failures: 0, coolingMs: wait === null ? 1_000 : Math.min(wait, 60) * 1_000 }
            : { failures: status >= 500 || status === 401 || status === 403 ? 1 : 0, coolingMs: 0 };
        expect(await breaker()).toEqual(expected);
      }),
      { numRuns: 60 },
    );
  });
});

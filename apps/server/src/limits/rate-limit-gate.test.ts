import { GatewayError } from "@gatehouse/protocol";
import { describe, expect, it, vi } from "vitest";
import type { RateLimitRule } from "../store/rate-limits/rate-limit-types.js";
import { MemoryRateLimiter } from "./memory-rate-limiter.js";
import { RateLimitBook } from "./rate-limit-book.js";
import { createRateLimitGate, type LimitDecisionEvent, type LimitedRequest } from "./rate-limit-gate.js";
import type { AcquireRequest, CounterSpec, RateLimiter, SettleRequest } from "./rate-limiter.js";

const T0 = 1_700_000_000_000;
const principal = { id: "key_1", tenantId: "ten_1", workspaceId: "ws_1", userId: "usr_1" };

function rule(extra: Partial<RateLimitRule>): RateLimitRule {
  return {
    id: `rl_${Math.random().toString(36).slice(2)}`,
    tenantId: "ten_1",
    scopeKind: "workspace",
    scopeId: "ws_1",
    model: null,
    rpm: null,
    tpm: null,
    concurrency: null,
    createdAt: 0,
    updatedAt: 0,
    ...extra,
  };
}

/** A memory limiter that records what it is asked. */
class Recording implements RateLimiter {
  readonly inner = new MemoryRateLimiter();
  readonly acquired: AcquireRequest[] = [];
  readonly settled: SettleRequest[] = [];
  fail = false;
  acquire(r: AcquireRequest) {
    this.acquired.push(r);
    if (this.fail) return Promise.reject(new Error("redis away"));
    return this.inner.acquire(r);
  }
  settle(r: SettleRequest) {
    this.settled.push(r);
    return this.inner.settle(r);
  }
  peek(counters: readonly CounterSpec[], now: number) {
    return this.inner.peek(counters, now);
  }
}

function setup(rules: RateLimitRule[]) {
  const limiter = new Recording();
  const book = new RateLimitBook();
  book.replaceAll(rules);
  const events: LimitDecisionEvent[] = [];
  const logger = { warn: vi.fn() };
  let t = T0;
  const gate = createRateLimitGate({
    limiter,
    book,
    now: () => t,
    logger,
    onDecision: (e) => events.push(e),
  });
  let n = 0;
  const request = (extra: Partial<LimitedRequest> = {}): LimitedRequest => ({
    id: `req_${++n}`,
    surface: "openai",
    principal,
    requestedModel: "gpt-4o",
    estimate: { promptTokens: 100, maxOutputTokens: undefined },
    ...extra,
  });
  return { limiter, gate, events, logger, request, tick: (ms: number) => (t += ms), book };
}

describe("rate-limit gate", () => {
  it("asks nothing of the limiter for a request under no limit", async () => {
    const { gate, limiter, request } = setup([
      rule({ scopeId: "ws_other", rpm: 1 }),
      rule({ model: "claude*", rpm: 1 }),
    ]);
    const a = await gate.admit(request());
    expect(a.headers).toBeUndefined();
    expect(limiter.acquired).toEqual([]);
  });

  it("reserves the prompt plus the output cap (1024 when unset, at most 4096, never above the limit)", async () => {
    const { gate, limiter, request } = setup([rule({ tpm: 1_000_000 })]);
    await gate.admit(request());
    await gate.admit(request({ estimate: { promptTokens: 10, maxOutputTokens: 100_000 } }));
    await gate.admit(request({ estimate: { promptTokens: 10, maxOutputTokens: 50 } }));
    expect(limiter.acquired.map((a) => a.counters[0]!.cost)).toEqual([1124, 4106, 60]);
    // A request larger than the limit reserves the whole limit: admitted on an idle window.
    const small = setup([rule({ tpm: 3000 })]);
    await small.gate.admit(small.request({ estimate: { promptTokens: 2500, maxOutputTokens: 4000 } }));
    expect(small.limiter.acquired[0]!.counters[0]!.cost).toBe(3000);
  });

  it("refuses with rate_limited, retry-after and the surface's headers, and counts the decision", async () => {
    const { gate, request, events, tick } = setup([rule({ rpm: 1 })]);
    await gate.admit(request());
    tick(20_000);
    const err = await Promise.resolve(gate.admit(request({ surface: "anthropic" }))).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(GatewayError);
    const g = err as GatewayError;
    expect(g.code).toBe("rate_limited");
    expect(g.details.retryAfterSeconds).toBe(40);
    expect(g.details.headers).toEqual({
      "anthropic-ratelimit-requests-limit": "1",
      "anthropic-ratelimit-requests-remaining": "0",
      "anthropic-ratelimit-requests-reset": new Date(T0 + 60_000).toISOString().replace(".000Z", "Z"),
    });
    expect(events.map((e) => [e.allowed, e.refusedKinds])).toEqual([
      [true, []],
      [false, ["requests"]],
    ]);
  });

  it("settles once: tokens to the real use, slots released", async () => {
    const { gate, limiter, request } = setup([rule({ tpm: 10_000, concurrency: 1 })]);
    const a = await gate.admit(request());
    a.settle({ usage: { inputTokens: 30, outputTokens: 12 } });
    a.settle({ usage: { inputTokens: 999, outputTokens: 999 } });
    expect(limiter.settled).toHaveLength(1);
    expect(limiter.settled[0]).toMatchObject({
      tokens: [{ actual: 42 }],
      concurrent: [expect.stringMatching(/:c$/)],
    });
    const next = await gate.admit(request());
    expect(next.headers?.["x-ratelimit-remaining-tokens"]).toBe(String(10_000 - 42 - 1124));
  });

  it("admits unchecked when the limiter fails, warning at most once per 10 s", async () => {
    const { gate, limiter, request, events, logger, tick } = setup([rule({ rpm: 1 })]);
    limiter.fail = true;
    for (let i = 0; i < 3; i++) expect((await gate.admit(request())).headers).toBeUndefined();
    expect(logger.warn).toHaveBeenCalledTimes(1);
    tick(10_000);
    await gate.admit(request());
    expect(logger.warn).toHaveBeenCalledTimes(2);
    expect(events.every((e) => e.allowed && e.failedOpen)).toBe(true);
  });

  it("holds a request to every scope's limits: tenant, workspace, user and key", async () => {
    const { gate, limiter, request } = setup([
      rule({ scopeKind: "tenant", scopeId: "ten_1", rpm: 100 }),
      rule({ rpm: 50 }),
      rule({ scopeKind: "user", scopeId: "usr_1", rpm: 20 }),
      rule({ scopeKind: "key", scopeId: "key_1", model: "gpt-4o", rpm: 10 }),
      rule({ scopeKind: "key", scopeId: "key_2", rpm: 1 }),
    ]);
    const a = await gate.admit(request());
    expect(limiter.acquired[0]!.counters.map((c) => c.limit)).toEqual([100, 50, 20, 10]);
    expect(a.headers).toMatchObject({
      "x-ratelimit-limit-requests": "10",
      "x-ratelimit-remaining-requests": "9",
    });
  });
});

import type { IrUsage } from "@gatehouse/protocol";
import fc from "fast-check";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { computeCost } from "../../metering/compute-cost.js";

/** The cost at a model's own prices (input and output only). */
function computeCostNano(
  usage: IrUsage,
  p: { inputPricePerMTok: number; outputPricePerMTok: number },
): number {
  return computeCost(usage, { input: p.inputPricePerMTok, output: p.outputPricePerMTok }).costNano;
}

import type { Admission } from "./admission.js";
import { meter, UsageTicket } from "./meter.js";
import { newOutcome, type Outcome, type Served } from "./outcome.js";
import type { RequestHead, RequestScope } from "./request-scope.js";
import { scopeFor } from "./testing/scope-for.js";
import { startUnitRuntime, type UnitRuntime } from "./testing/start-unit-runtime.js";
import { UnitCatalog } from "./testing/unit-catalog.js";

let u: UnitRuntime;
const CHEAP = { inputPricePerMTok: 1_000_000_000, outputPricePerMTok: 2_000_000_000 };
const PRICEY = { inputPricePerMTok: 5_000_000_000, outputPricePerMTok: 15_000_000_000 };

beforeAll(async () => {
  u = await startUnitRuntime({ now: () => 10_000 });
  u.rt.catalog = new UnitCatalog(u.principal.tenantId)
    .provider("p", "openai", "http://127.0.0.1:9/v1")
    .provider("q", "anthropic", "http://127.0.0.1:9")
    .model("cheap", [{ provider: "p" }], { ...CHEAP, fallbackModels: ["pricey"] })
    .model("pricey", [{ provider: "q" }], PRICEY)
    .build();
});
afterAll(() => u?.close());
beforeEach(() => {
  u.usage.begun.length = 0;
  u.usage.finished.length = 0;
  u.usage.failBegin = undefined;
  u.logs.length = 0;
});

/** An admission that counts its settlements. */
function countingAdmission(): Admission & { settled: number[] } {
  const settled: number[] = [];
  return { settled, settle: (s) => void settled.push(s.costNano) };
}

function servedBy(model: string): Served {
  const route = u.rt.catalog.resolve(u.principal.tenantId, model)!;
  return { route, candidate: route.groups[0]![0]! };
}

function lastLine(): Record<string, unknown> {
  const lines = u.logs
    .map((l) => JSON.parse(l) as Record<string, unknown>)
    .filter((l) => l.msg === "request");
  expect(lines).toHaveLength(1);
  return lines[0]!;
}

async function begunTicket(scope: RequestScope): Promise<UsageTicket> {
  const ticket = new UsageTicket(u.rt.usage, scope);
  await ticket.begin(servedBy("cheap"));
  return ticket;
}

describe("UsageTicket", () => {
  it("makes the pending record before the call, naming who is asked", async () => {
    const scope = scopeFor(u.rt, u.principal, "cheap", { stream: true });
    const ticket = await begunTicket(scope);
    expect(ticket.begun).toBe(true);
    expect(u.usage.begun).toEqual([
      {
        id: scope.id,
        tenantId: u.principal.tenantId,
        workspaceId: u.principal.workspaceId,
        apiKeyId: "key_unit",
        userId: u.principal.userId,
        model: "cheap",
        providerId: "prv_p",
        deploymentId: "dep_cheap_p",
        upstreamModel: "up-cheap",
        surface: "openai",
        stream: true,
        startedAt: 10_000,
      },
    ]);
  });

  it("refuses the call (503) when the record cannot be made, and stays unbegun", async () => {
    u.usage.failBegin = new Error("disk full");
    const ticket = new UsageTicket(u.rt.usage, scopeFor(u.rt, u.principal, "cheap"));
    await expect(ticket.begin(servedBy("cheap"))).rejects.toMatchObject({
      code: "service_unavailable",
      status: 503,
    });
    expect(ticket.begun).toBe(false);
  });
});

describe("meter", () => {
  it("writes no final record for a request that never began one, and settles the admission at 0, once", async () => {
    const scope = scopeFor(u.rt, u.principal, "cheap");
    const admission = countingAdmission();
    const ticket = new UsageTicket(u.rt.usage, scope);
    const outcome = newOutcome(400);
    outcome.errorCode = "invalid_request";
    meter(u.rt, { head: scope, scope, ticket, admission, outcome });
    expect(u.usage.finished).toEqual([]);
    expect(admission.settled).toEqual([0]);
  });

  it("prices the final record at the served model's prices (a fallback's, not the requested one's)", async () => {
    const scope = scopeFor(u.rt, u.principal, "cheap");
    const ticket = await begunTicket(scope);
    const admission = countingAdmission();
    const outcome = newOutcome(200, servedBy("pricey"));
    outcome.usage = { inputTokens: 1_000, outputTokens: 2_000 };
    meter(u.rt, { head: scope, scope, ticket, admission, outcome });
    const cost = computeCostNano(outcome.usage, PRICEY);
    expect(u.usage.finished).toMatchObject([
      { id: scope.id, status: "success", httpStatus: 200, costNano: cost },
    ]);
    expect(admission.settled).toEqual([cost]);
  });

  it("prices a failure after the record began at the requested model's prices", async () => {
    const scope = scopeFor(u.rt, u.principal, "cheap");
    const ticket = await begunTicket(scope);
    const outcome = newOutcome(499);
    Object.assign(outcome, {
      errorCode: "client_closed",
      interrupted: true,
      usage: { inputTokens: 10, outputTokens: 0 },
    });
    meter(u.rt, { head: scope, scope, ticket, admission: undefined, outcome });
    expect(u.usage.finished).toMatchObject([
      {
        status: "interrupted",
        httpStatus: 499,
        costNano: computeCostNano({ inputTokens: 10, outputTokens: 0 }, CHEAP),
      },
    ]);
  });

  it("logs one line with what is known: the request, key, model, who served, tokens, cost, error", async () => {
    const scope = scopeFor(u.rt, u.principal, "cheap", {
      stream: true,
      url: "/v1beta/models/x:generate?key=sk-secret&alt=sse",
    });
    scope.attempts.push({
      model: "cheap",
      provider: "p",
      deployment: "dep_cheap_p",
      status: 500,
      atMs: 0,
      ms: 3,
    });
    const ticket = await begunTicket(scope);
    const outcome = newOutcome(200, servedBy("pricey"));
    Object.assign(outcome, {
      usage: { inputTokens: 4, outputTokens: 8 },
      ttfbMs: 12,
      interrupted: true,
      errorCode: "stream_interrupted",
      errorMessage: "cut",
    });
    meter(u.rt, { head: { ...scope, startedAt: 9_000 }, scope, ticket, admission: undefined, outcome });
    const line = lastLine();
    expect(line).toMatchObject({
      msg: "request",
      reqId: scope.id,
      method: "POST",
      url: "/v1beta/models/x:generate?key=[redacted]&alt=sse",
      status: 200,
      ms: 1_000,
      surface: "openai",
      model: "cheap",
      keyId: "key_unit",
      provider: "q",
      deployment: "dep_pricey_q",
      stream: true,
      ttfbMs: 12,
      inputTokens: 4,
      outputTokens: 8,
      costNano: computeCostNano({ inputTokens: 4, outputTokens: 8 }, PRICEY),
      interrupted: true,
      error: "stream_interrupted",
      errorMessage: "cut",
    });
    expect(JSON.stringify(line)).not.toContain("sk-secret");
  });

  it("logs the last attempt's deployment when nothing served, and only the head before a scope", () => {
    const scope = scopeFor(u.rt, u.principal, "cheap");
    scope.attempts.push({
      model: "cheap",
      provider: "p",
      deployment: "dep_cheap_p",
      status: 503,
      atMs: 0,
      ms: 3,
    });
    const failedOutcome = newOutcome(503);
    failedOutcome.errorCode = "upstream_overloaded";
    meter(u.rt, { head: scope, scope, ticket: undefined, admission: undefined, outcome: failedOutcome });
    expect(lastLine()).toMatchObject({
      provider: "p",
      deployment: "dep_cheap_p",
      error: "upstream_overloaded",
    });
    u.logs.length = 0;
    const head: RequestHead = {
      id: "req_x",
      surface: "gemini",
      operation: "chat",
      method: "POST",
      url: "/v1beta/x",
      startedAt: 10_000,
    };
    meter(u.rt, {
      head,
      scope: undefined,
      ticket: undefined,
      admission: undefined,
      outcome: newOutcome(401),
    });
    expect(Object.keys(lastLine()).sort()).toEqual([
      "level",
      "method",
      "ms",
      "msg",
      "reqId",
      "status",
      "surface",
      "time",
      "url",
    ]);
  });

  it("for any outcome of a begun request: one record, its status and cost, the same in the log line and the admission", async () => {
    const tokens = fc.nat({ max: 10_000_000 });
    const outcomes = fc.record({
      status: fc.constantFrom(200, 400, 429, 499, 502, 504),
      usage: fc.option(fc.record({ inputTokens: tokens, outputTokens: tokens }), { nil: undefined }),
      interrupted: fc.boolean(),
      errorCode: fc.option(fc.constantFrom("upstream_error", "client_closed", "stream_interrupted"), {
        nil: undefined,
      }),
      served: fc.constantFrom<"cheap" | "pricey" | undefined>("cheap", "pricey", undefined),
    });
    const scope = scopeFor(u.rt, u.principal, "cheap");
    const ticket = await begunTicket(scope);
    fc.assert(
      fc.property(outcomes, (o) => {
        u.usage.finished.length = 0;
        u.logs.length = 0;
        const admission = countingAdmission();
        const outcome: Outcome = newOutcome(o.status, o.served && servedBy(o.served));
        Object.assign(outcome, { usage: o.usage, interrupted: o.interrupted, errorCode: o.errorCode });
        meter(u.rt, { head: scope, scope, ticket, admission, outcome });
        const prices = o.served === "pricey" ? PRICEY : CHEAP;
        const cost = o.usage ? computeCostNano(o.usage, prices) : 0;
        const status = o.interrupted ? "interrupted" : o.errorCode ? "error" : "success";
        expect(u.usage.finished).toMatchObject([{ status, httpStatus: o.status, costNano: cost }]);
        expect(Number.isSafeInteger(cost)).toBe(true);
        expect(admission.settled).toEqual([cost]);
        const line = lastLine();
        expect(line.costNano).toBe(o.usage ? cost : undefined);
      }),
      { numRuns: 200 },
    );
  });
});

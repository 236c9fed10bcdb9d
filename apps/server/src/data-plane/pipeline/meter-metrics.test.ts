import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { GatewayMetrics, RequestObservation } from "../../metrics/gateway-metrics.js";
import { meter, UsageTicket } from "./meter.js";
import { newOutcome } from "./outcome.js";
import { scopeFor } from "./testing/scope-for.js";
import { startUnitRuntime, type UnitRuntime } from "./testing/start-unit-runtime.js";
import { UnitCatalog } from "./testing/unit-catalog.js";

let u: UnitRuntime;
const observed: RequestObservation[] = [];
const recording: GatewayMetrics = { observeRequest: (r) => void observed.push(r), onDecision: () => {} };

beforeAll(async () => {
  let t = 10_000;
  u = await startUnitRuntime({ now: () => t++, metrics: recording });
  u.rt.catalog = new UnitCatalog(u.principal.tenantId)
    .provider("p", "openai", "http://127.0.0.1:9/v1")
    .model("m", [{ provider: "p" }], { inputPricePerMTok: 1_000_000_000, outputPricePerMTok: 2_000_000_000 })
    .build();
});
afterAll(() => u?.close());

describe("meter → metrics", () => {
  it("reports each finished request once, with the tokens and cost of its final record", async () => {
    const scope = scopeFor(u.rt, u.principal, "m", { surface: "gemini" });
    const route = scope.route!;
    const ticket = new UsageTicket(u.rt.usage, scope);
    await ticket.begin({ route, candidate: route.groups[0]![0]! });
    const outcome = newOutcome(200, { route, candidate: route.groups[0]![0]! });
    outcome.usage = { inputTokens: 100, outputTokens: 50 };
    outcome.ttfbMs = 7;
    meter(u.rt, { head: scope, scope, ticket, admission: undefined, outcome, requestedModel: "m" });
    expect(observed).toEqual([
      expect.objectContaining({
        surface: "gemini",
        operation: "chat",
        model: "m",
        status: 200,
        outcome: "success",
        ttfbMs: 7,
        tokens: { inputTokens: 100, outputTokens: 50 },
        costNano: 100 * 1_000 + 50 * 2_000,
        upstreamErrors: [],
      }),
    ]);
    expect(observed[0]!.durationMs).toBeGreaterThan(0);
  });

  it("reports a request refused before any upstream call, without tokens or cost", () => {
    observed.length = 0;
    const head = {
      id: "r",
      surface: "openai" as const,
      operation: "chat" as const,
      method: "POST",
      url: "/v1/chat/completions",
      startedAt: 0,
    };
    const outcome = newOutcome(404);
    outcome.errorCode = "model_not_found";
    meter(u.rt, {
      head,
      scope: undefined,
      ticket: undefined,
      admission: undefined,
      outcome,
      requestedModel: "nope",
    });
    expect(observed).toMatchObject([
      { model: "other", status: 404, outcome: "error", tokens: undefined, costNano: 0 },
    ]);
  });
});

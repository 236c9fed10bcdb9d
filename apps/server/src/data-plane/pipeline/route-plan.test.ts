import { GatewayError } from "@gatehouse/protocol";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { Principal } from "../../domain/principal.js";
import type { RequestOverrides } from "../../resilience/read-request-overrides.js";
import type { ModelCatalog } from "../../routing/model-catalog.js";
import type { Timeouts } from "../gateway-runtime.js";
import type { RequestScope } from "./request-scope.js";
import { RoutePlan } from "./route-plan.js";
import { UnitCatalog } from "./testing/unit-catalog.js";

const GLOBAL: Timeouts = { connectMs: 1_000, firstByteMs: 5_000, idleMs: 5_000, totalMs: 10_000 };
const URL = "http://127.0.0.1:9/v1";
const real = new UnitCatalog("ten_1")
  .provider("p1", "openai", URL)
  .provider("p2", "anthropic", URL)
  .model("main", [{ provider: "p1" }, { provider: "p2", priority: 1 }], {
    fallbackModels: ["fb1", "fb2"],
    contextFallbackModel: "big",
    timeouts: { totalMs: 4_000 },
  })
  .model("fb1", [{ provider: "p2" }])
  .model("fb2", [{ provider: "p1" }])
  .model("big", [{ provider: "p1" }], { contextFallbackModel: "bigger" })
  .model("bigger", [{ provider: "p2" }])
  .build();

/** The real catalog, with the names each lookup asked for. */
function counting(): { catalog: ModelCatalog; asked: string[] } {
  const asked: string[] = [];
  const catalog = {
    resolve: (tenantId: string, name: string) => {
      asked.push(name);
      return real.resolve(tenantId, name);
    },
  } as ModelCatalog;
  return { catalog, asked };
}

function planOf(catalog: ModelCatalog, overrides?: RequestOverrides, startedAt = 50_000) {
  const principal: Principal = {
    kind: "api_key",
    id: "k",
    tenantId: "ten_1",
    workspaceId: "w",
    userId: null,
    serviceAccountId: null,
    allowsModel: () => true,
  };
  const route = real.resolve("ten_1", "main")!;
  const scope = {
    id: "req_1",
    startedAt,
    principal,
    catalog,
    requestedModel: "main",
    route,
    overrides,
  } as RequestScope;
  return RoutePlan.of(scope, route, GLOBAL);
}

const failure = new GatewayError("upstream_error", "boom");
const overflow = new GatewayError("context_length_exceeded", "too long");

describe("RoutePlan", () => {
  it("sets the deadline from the start: the model's total over the global one, shortened by the request", () => {
    const { catalog } = counting();
    expect(planOf(catalog).deadline).toEqual({ at: 54_000, totalMs: 4_000 });
    expect(planOf(catalog, { timeouts: { totalMs: 1_500 } }).deadline).toEqual({
      at: 51_500,
      totalMs: 1_500,
    });
    // A client may give up sooner, never hold a socket longer than the operator allows.
    expect(planOf(catalog, { timeouts: { totalMs: 9_000 } }).deadline.totalMs).toBe(4_000);
  });

  it("never lets a request's own timeout lengthen its deadline", () => {
    fc.assert(
      fc.property(fc.integer({ min: 100, max: 3_600_000 }), fc.nat({ max: 1e9 }), (total, startedAt) => {
        const { deadline } = planOf(counting().catalog, { timeouts: { totalMs: total } }, startedAt);
        expect(deadline.at - startedAt).toBe(deadline.totalMs);
        expect(deadline.totalMs).toBe(Math.min(total, 4_000));
      }),
    );
  });

  it("reads the fallback models only once the requested model failed", () => {
    const { catalog, asked } = counting();
    const plan = planOf(catalog);
    expect(plan.first.model.name).toBe("main");
    expect(asked).toEqual([]);
    expect(plan.next(plan.first, failure)?.model.name).toBe("fb1");
    expect(asked).toEqual(["fb1"]);
  });

  it("walks the fallbacks in order, and a context overflow to the larger model only", () => {
    const plan = planOf(counting().catalog);
    const fb1 = plan.next(plan.first, failure)!;
    expect(plan.next(fb1, failure)?.model.name).toBe("fb2");
    const other = planOf(counting().catalog);
    const big = other.next(other.first, overflow)!;
    expect(big.model.name).toBe("big");
    expect(other.next(big, overflow)?.model.name).toBe("bigger");
  });

  it("lists every reachable route, the requested one first", () => {
    const names = planOf(counting().catalog)
      .reachable()
      .map((r) => r.model.name);
    expect(names[0]).toBe("main");
    expect(new Set(names)).toEqual(new Set(["main", "big", "bigger", "fb1", "fb2"]));
    expect(
      planOf(counting().catalog, { fallbacks: [] })
        .reachable()
        .map((r) => r.model.name),
    ).toEqual(["main"]);
  });

  it("pins one deployment: no other deployment, no fallback, the same deadline", () => {
    const plan = planOf(counting().catalog);
    const candidate = plan.first.groups[1]![0]!; // p2, the second group
    const pinned = plan.pinned({ route: plan.first, candidate });
    expect(pinned.first.groups).toEqual([[candidate]]);
    expect(pinned.first.model).toBe(plan.first.model);
    expect(pinned.first.requestedName).toBe("main");
    expect(pinned.deadline).toBe(plan.deadline);
    expect(pinned.next(pinned.first, failure)).toBeUndefined();
    expect(pinned.next(pinned.first, overflow)).toBeUndefined();
    expect(pinned.reachable().map((r) => r.groups)).toEqual([[[candidate]]]);
    // The plan it came from is untouched.
    expect(plan.first.groups).toHaveLength(2);
  });
});

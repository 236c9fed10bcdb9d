import { GatewayError } from "@gatehouse/protocol";
import { describe, expect, it } from "vitest";
import type { Model, ModelSettings } from "../../domain/model.js";
import type { RequestOverrides } from "../../resilience/read-request-overrides.js";
import type { Candidate, ModelCatalog, Route } from "../../routing/model-catalog.js";
import { modelSettingDefaults } from "../../store/model-settings.js";
import { FallbackPlan, reachableRoutes } from "./fallback-plan.js";

function route(name: string, kind: "openai" | "anthropic", settings: Partial<ModelSettings> = {}): Route {
  const model = {
    ...modelSettingDefaults(),
    ...settings,
    id: `mdl_${name}`,
    tenantId: "ten_1",
    name,
  } as Model;
  const candidate = { deployment: { id: `dep_${name}` }, target: { kind } } as unknown as Candidate;
  return { model, requestedName: name, groups: [[candidate]] };
}

const ROUTES: Record<string, Route> = {
  a: route("a", "openai", { fallbackModels: ["missing", "b", "a", "c"], contextFallbackModel: "big" }),
  b: route("b", "openai", { fallbackModels: ["z"] }),
  c: route("c", "anthropic"),
  z: route("z", "openai"),
  big: route("big", "openai", { contextFallbackModel: "bigger" }),
  bigger: route("bigger", "anthropic", { contextFallbackModel: "big" }),
};

function setup(first: string, overrides?: RequestOverrides) {
  const catalog = { resolve: (_t: string, n: string) => ROUTES[n] } as unknown as ModelCatalog;
  const inputs = { catalog, tenantId: "ten_1", first: ROUTES[first]!, overrides };
  return { inputs, plan: new FallbackPlan(inputs) };
}

const failure = new GatewayError("upstream_error", "boom");
const overflow = new GatewayError("context_length_exceeded", "too long");

describe("FallbackPlan", () => {
  it("walks the requested model's fallbacks in order, skipping unknown and already tried models", () => {
    const { plan } = setup("a");
    const seen: string[] = [];
    for (let r = plan.next(ROUTES.a!, failure); r; r = plan.next(r, failure)) seen.push(r.model.name);
    expect(seen).toEqual(["b", "c"]); // not b's own fallback z: one list per request
  });

  it("goes to the context fallback on an overflow, chained, without looping", () => {
    const { plan } = setup("a");
    const big = plan.next(ROUTES.a!, overflow)!;
    expect(big.model.name).toBe("big");
    const bigger = plan.next(big, overflow)!;
    expect(bigger.model.name).toBe("bigger");
    expect(plan.next(bigger, overflow)).toBeUndefined(); // back to big: tried already
  });

  it("without a context fallback, an overflow ends the walk (no general fallback)", () => {
    const { plan } = setup("b");
    expect(plan.next(ROUTES.b!, overflow)).toBeUndefined();
  });

  it("a request's override replaces the list; an empty one turns every fallback off", () => {
    const override = setup("a", { fallbacks: ["z"] });
    expect(override.plan.next(ROUTES.a!, failure)?.model.name).toBe("z");
    expect(override.plan.next(ROUTES.z!, failure)).toBeUndefined();
    const none = setup("a", { fallbacks: [] });
    expect(none.plan.next(ROUTES.a!, failure)).toBeUndefined();
    expect(none.plan.next(ROUTES.a!, overflow)).toBeUndefined();
  });
});

describe("reachableRoutes", () => {
  const names = (first: string, overrides?: RequestOverrides) =>
    reachableRoutes(setup(first, overrides).inputs).map((r) => r.model.name);

  it("looks through the fallback models and the context fallback chain, requested first", () => {
    expect(names("a")).toEqual(["a", "big", "b", "c", "bigger"]);
    expect(names("b")).toEqual(["b", "z"]);
    expect(names("z")).toEqual(["z"]);
  });

  it("follows the request's override, and only the route itself with 'none'", () => {
    expect(names("b", { fallbacks: ["c"] })).toEqual(["b", "c"]);
    expect(names("a", { fallbacks: [] })).toEqual(["a"]);
  });
});

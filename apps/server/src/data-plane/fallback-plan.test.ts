import { GatewayError } from "@gatehouse/protocol";
import { describe, expect, it } from "vitest";
import type { RequestOverrides } from "../resilience/read-request-overrides.js";
import type { Candidate, Route } from "../routing/model-catalog.js";
import { modelSettingDefaults } from "../store/model-settings.js";
import type { Model, ModelSettings } from "../store/store-types.js";
import { everyReachableCandidate, FallbackPlan } from "./fallback-plan.js";
import type { GatewayRuntime } from "./gateway-runtime.js";
import type { RequestContext } from "./request-context.js";

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
  const rt = { catalog: { resolve: (_t: string, n: string) => ROUTES[n] } } as unknown as GatewayRuntime;
  const ctx = { key: { tenantId: "ten_1" }, route: ROUTES[first], overrides } as unknown as RequestContext;
  return { rt, ctx, plan: new FallbackPlan(rt, ctx) };
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

describe("everyReachableCandidate", () => {
  const openai = (c: Candidate) => c.target.kind === "openai";

  it("looks through the fallback models and the context fallback chain", () => {
    const a = setup("a");
    expect(everyReachableCandidate(a.rt, a.ctx, openai)).toBe(false); // c and bigger are Anthropic
    const b = setup("b");
    expect(everyReachableCandidate(b.rt, b.ctx, openai)).toBe(true); // b → z, both OpenAI
  });

  it("follows the request's override, and only the route itself with 'none'", () => {
    const only = setup("b", { fallbacks: ["c"] });
    expect(everyReachableCandidate(only.rt, only.ctx, openai)).toBe(false);
    const none = setup("a", { fallbacks: [] });
    expect(everyReachableCandidate(none.rt, none.ctx, openai)).toBe(true);
  });
});

import { type FakeServer, startFakeOpenAI } from "@gatehouse/test-support";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import {
  type ContextLimitedUpstream,
  startContextLimitedUpstream,
} from "../../e2e/routing/routing-fixture.js";
import { type HeldResponse, holdClientResponse } from "./testing/hold-client-response.js";
import { runForward } from "./testing/run-forward.js";
import { startUnitRuntime, type UnitRuntime } from "./testing/start-unit-runtime.js";
import { chatBuild } from "./testing/unit-calls.js";
import { UnitCatalog } from "./testing/unit-catalog.js";

// Which candidates the forwarder tries at all: those that cannot take the request are skipped without an
// attempt, and a context window exceeded sends it to a larger model only.
let u: UnitRuntime;
let held: HeldResponse;
let a: FakeServer;
let b: FakeServer;
let fb: FakeServer;
let small: ContextLimitedUpstream;
let small2: ContextLimitedUpstream;

beforeAll(async () => {
  [a, b, fb] = await Promise.all([startFakeOpenAI(), startFakeOpenAI(), startFakeOpenAI()]);
  [small, small2] = await Promise.all([startContextLimitedUpstream(), startContextLimitedUpstream()]);
  u = await startUnitRuntime({ random: () => 0 });
  u.rt.catalog = new UnitCatalog(u.principal.tenantId)
    .provider("a", "openai", a.url)
    .provider("b", "openai", b.url)
    .provider("fb", "openai", fb.url)
    .provider("small", "openai", small.url)
    .provider("small2", "openai", small2.url)
    .model("duo", [{ provider: "a" }, { provider: "b", priority: 1 }], { fallbackModels: ["spare"] })
    .model("lonely", [{ provider: "a" }, { provider: "b" }])
    .model("spare", [{ provider: "fb" }])
    .model("narrow", [{ provider: "small" }, { provider: "small2" }], {
      contextFallbackModel: "wide",
      fallbackModels: ["spare"],
    })
    .model("narrow-only", [{ provider: "small" }], { fallbackModels: ["spare"] })
    .model("wide", [{ provider: "b" }])
    .build();
  held = await holdClientResponse();
});
afterAll(async () => {
  await held?.close();
  await u?.close();
  await Promise.all([a, b, fb, small, small2].map((f) => f?.close()));
});
beforeEach(() => {
  for (const f of [a, b, fb]) f.requests.length = 0;
});

describe("forward: candidates that cannot take the request", () => {
  it("skips them without an attempt, serving from the next one", async () => {
    const run = await runForward(u, held.res, "duo", { build: chatBuild({ a: "a cannot" }) });
    expect(run.served?.candidate.target.name).toBe("b");
    expect(a.requests).toHaveLength(0);
    expect(run.scope.attempts.map((x) => x.provider)).toEqual(["b"]);
    expect(run.begun.map((s) => s.candidate.target.name)).toEqual(["b"]);
  });

  it("goes on to the fallback models when no deployment of the model can", async () => {
    const run = await runForward(u, held.res, "duo", { build: chatBuild({ a: "no", b: "no" }) });
    expect(run.served?.route.model.name).toBe("spare");
    expect([a.requests.length, b.requests.length, fb.requests.length]).toEqual([0, 0, 1]);
  });

  it("with none able at all: the first reason met, nothing sent, nothing recorded", async () => {
    const built: string[] = [];
    const build = chatBuild({ a: "first reason", b: "second reason" }, built);
    const run = await runForward(u, held.res, "lonely", { build });
    expect(run.error?.code).toBe("unsupported_parameter");
    expect(run.error?.status).toBe(400);
    expect(run.error?.message).toBe("first reason");
    expect(built).toEqual(["lonely/a", "lonely/b"]);
    expect(run.begun).toEqual([]);
    expect(run.scope.attempts).toEqual([]);
    expect(a.requests.length + b.requests.length).toBe(0);
  });
});

describe("forward: a context window exceeded", () => {
  it("goes to the model's context fallback, not its other deployments nor its general fallbacks", async () => {
    const before = small.count() + small2.count();
    const run = await runForward(u, held.res, "narrow");
    expect(run.error).toBeUndefined();
    expect(run.served?.route.model.name).toBe("wide");
    expect(small.count() + small2.count() - before).toBe(1); // the model's other deployment shares its window
    expect(fb.requests).toHaveLength(0);
    expect(run.scope.attempts.map((x) => [x.model, x.status])).toEqual([
      ["narrow", 400],
      ["wide", 200],
    ]);
    expect(run.begun).toHaveLength(1);
  });

  it("without a larger model, answers the overflow (400): the general fallbacks would not fit it either", async () => {
    const run = await runForward(u, held.res, "narrow-only");
    expect(run.error?.code).toBe("context_length_exceeded");
    expect(run.error?.status).toBe(400);
    expect(fb.requests).toHaveLength(0);
  });
});

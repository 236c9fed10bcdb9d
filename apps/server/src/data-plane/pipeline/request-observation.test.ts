import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { newOutcome } from "./outcome.js";
import { requestObservation } from "./request-observation.js";
import type { RequestHead } from "./request-scope.js";
import { scopeFor } from "./testing/scope-for.js";
import { startUnitRuntime, type UnitRuntime } from "./testing/start-unit-runtime.js";
import { UnitCatalog } from "./testing/unit-catalog.js";

let u: UnitRuntime;
beforeAll(async () => {
  u = await startUnitRuntime({ now: () => 1_000 });
  u.rt.catalog = new UnitCatalog(u.principal.tenantId)
    .provider("p", "openai", "http://127.0.0.1:9/v1")
    .model("gpt-x", [{ provider: "p" }], { aliases: ["gpt-latest"] })
    .model("p/*", [{ provider: "p", upstreamModel: "*" }])
    .build();
});
afterAll(() => u?.close());

const head: RequestHead = {
  id: "req_1",
  surface: "anthropic",
  operation: "chat",
  method: "POST",
  url: "/v1/messages",
  startedAt: 400,
};

describe("requestObservation", () => {
  it("labels the model by its catalog name: the model of an alias, the pattern of a wildcard", () => {
    const of = (model: string) =>
      requestObservation(
        head,
        scopeFor(u.rt, u.principal, model),
        model,
        newOutcome(200),
        undefined,
        0,
        1_000,
      ).model;
    expect(of("gpt-latest")).toBe("gpt-x");
    expect(of("p/anything-a-client-types")).toBe("p/*");
    expect(requestObservation(head, undefined, "made-up", newOutcome(404), undefined, 0, 1_000).model).toBe(
      "other",
    );
    expect(requestObservation(head, undefined, undefined, newOutcome(401), undefined, 0, 1_000).model).toBe(
      "none",
    );
  });

  it("tells success, error, client_closed and cut apart, and times from the request's start", () => {
    const cut = newOutcome(200);
    cut.interrupted = true;
    cut.errorCode = "stream_interrupted";
    const gone = newOutcome(499);
    gone.interrupted = true;
    gone.errorCode = "client_closed";
    const outcomes = [newOutcome(200), newOutcome(429), gone, cut];
    const labels = outcomes.map(
      (o) => requestObservation(head, undefined, undefined, o, undefined, 0, 1_000).outcome,
    );
    expect(labels).toEqual(["success", "error", "client_closed", "cut"]);
    expect(requestObservation(head, undefined, undefined, cut, undefined, 0, 1_000).durationMs).toBe(600);
  });

  it("counts failed attempts and a served answer's failure as upstream errors, not a client leaving", () => {
    const scope = scopeFor(u.rt, u.principal, "gpt-x");
    const served = { route: scope.route!, candidate: scope.route!.groups[0]![0]! };
    scope.attempts.push(
      { model: "gpt-x", provider: "p", deployment: "dep_gpt-x_p", status: 503, atMs: 0, ms: 5 },
      { model: "gpt-x", provider: "p", deployment: "dep_gpt-x_p", status: null, atMs: 0, ms: 5 },
      { model: "gpt-x", provider: "p", deployment: "dep_gpt-x_p", status: 200, atMs: 0, ms: 5 },
    );
    const cut = newOutcome(200, served);
    cut.interrupted = true;
    cut.errorCode = "stream_interrupted";
    expect(requestObservation(head, scope, "gpt-x", cut, undefined, 0, 1_000).upstreamErrors).toEqual([
      { provider: "p", deployment: "dep_gpt-x_p", code: "503" },
      { provider: "p", deployment: "dep_gpt-x_p", code: "no_answer" },
      { provider: "p", deployment: "dep_gpt-x_p", code: "stream_interrupted" },
    ]);
    const gone = newOutcome(499, served);
    gone.errorCode = "client_closed";
    expect(requestObservation(head, scope, "gpt-x", gone, undefined, 0, 1_000).upstreamErrors).toEqual([
      { provider: "p", deployment: "dep_gpt-x_p", code: "503" },
    ]);
  });
});

import { EventEmitter } from "node:events";
import type { ServerResponse } from "node:http";
import { decodeOpenAIError, GatewayError } from "@gatehouse/protocol";
import { type FakeServer, startFakeOpenAI } from "@gatehouse/test-support";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addModel, addProvider } from "../../e2e/routing/routing-fixture.js";
import type { Candidate } from "../../routing/model-catalog.js";
import { startTestGateway, type TestGateway } from "../../testing/start-test-gateway.js";
import { authenticate } from "./authenticate.js";
import type { CandidateCall } from "./candidate-call.js";
import { forward } from "./forward.js";
import type { Served } from "./outcome.js";
import type { RequestScope } from "./request-scope.js";
import { RoutePlan } from "./route-plan.js";

// What the e2e tests cannot provoke: no upstream's error decoder reports a content-policy refusal yet,
// so this call reads a 400 as one, to show how the forwarder treats it.
let gw: TestGateway;
let strict: FakeServer;
let backup: FakeServer;

beforeAll(async () => {
  strict = await startFakeOpenAI({ mode: "error-400" });
  backup = await startFakeOpenAI();
  gw = await startTestGateway();
  await addProvider(gw, "strict", "openai", strict);
  await addProvider(gw, "backup", "openai", backup);
  await addModel(gw, "safe", [{ provider: "backup" }]);
  await addModel(gw, "filtered-fb", [{ provider: "strict" }], {
    contentFilterFallback: true,
    fallbackModels: ["safe"],
  });
  await addModel(gw, "filtered", [{ provider: "strict" }], { fallbackModels: ["safe"] });
});
afterAll(async () => {
  await gw?.close();
  await strict?.close();
  await backup?.close();
});

/** A client connection that stays open. */
function openResponse(): ServerResponse {
  return Object.assign(new EventEmitter(), { writableFinished: false, destroyed: false }) as ServerResponse;
}

async function dispatch(model: string) {
  const rt = gw.app.runtime;
  const principal = await authenticate(rt.keys, gw.key, "127.0.0.1");
  const route = rt.catalog.resolve(gw.tenant.id, model)!;
  const scope: RequestScope = {
    id: rt.newId(),
    surface: "openai",
    operation: "chat",
    method: "POST",
    url: "/v1/chat/completions",
    startedAt: rt.now(),
    principal,
    catalog: rt.catalog,
    requestedModel: model,
    route,
    stream: false,
    estimate: { promptTokens: 0, maxOutputTokens: undefined },
    overrides: undefined,
    attempts: [],
  };
  const build = (c: Candidate): CandidateCall => ({
    up: {
      path: `${c.target.basePath}/chat/completions`,
      headers: c.target.headers,
      body: JSON.stringify({ model: c.upstreamModel, messages: [{ role: "user", content: "Hi" }] }),
      warnings: [],
    },
    decodeError: (status, body, headers, now) =>
      status === 400
        ? new GatewayError("content_filtered", "Refused by the content policy.")
        : decodeOpenAIError(status, body, headers, now),
  });
  const begun: Served[] = [];
  const hooks = { beforeFirstAttempt: async (s: Served) => void begun.push(s) };
  try {
    const exchange = await forward(
      rt,
      scope,
      openResponse(),
      RoutePlan.of(scope, route, rt.timeouts),
      build,
      hooks,
    );
    await exchange!.response.body.text();
    exchange!.release();
    return { scope, served: exchange!.served, begun, error: undefined };
  } catch (err) {
    return { scope, served: undefined, begun, error: err as GatewayError };
  }
}

describe("forward on a content-policy refusal", () => {
  it("falls back to the fallback models when the model is configured to", async () => {
    const { scope, served, begun, error } = await dispatch("filtered-fb");
    expect(error).toBeUndefined();
    expect(served!.candidate.target.name).toBe("backup");
    expect(served!.route.model.name).toBe("safe");
    expect(begun.map((s) => s.route.model.name)).toEqual(["filtered-fb"]); // once, before the first attempt
    expect(scope.attempts.map((a) => [a.model, a.status])).toEqual([
      ["filtered-fb", 400],
      ["safe", 200],
    ]);
  });

  it("answers the refusal, trying nothing else, when it is not", async () => {
    const before = backup.requests.length;
    const { scope, error } = await dispatch("filtered");
    expect(error?.code).toBe("content_filtered");
    expect(scope.attempts).toHaveLength(1);
    expect(backup.requests.length).toBe(before);
  });

  it("a refusal does not count against the deployment's breaker", async () => {
    const id = gw.app.runtime.catalog.resolve(gw.tenant.id, "filtered")!.groups[0]![0]!.deployment.id;
    const [snapshot] = await gw.app.runtime.breakers.snapshot([id]);
    expect(snapshot!.consecutiveFailures).toBe(0);
  });
});

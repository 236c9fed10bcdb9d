import { EventEmitter } from "node:events";
import type { ServerResponse } from "node:http";
import { decodeOpenAIError, GatewayError } from "@gatehouse/protocol";
import { type FakeServer, startFakeOpenAI } from "@gatehouse/test-support";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addModel, addProvider } from "../e2e/routing/routing-fixture.js";
import type { Candidate } from "../routing/model-catalog.js";
import { startTestGateway, type TestGateway } from "../testing/start-test-gateway.js";
import { type CandidateCall, dispatchWithFallback } from "./dispatch-with-fallback.js";
import { newRequestContext } from "./request-context.js";

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
  const ctx = newRequestContext(rt.newId(), "openai", "POST", "/v1/chat/completions", rt.now());
  ctx.requestedModel = model;
  ctx.key = await rt.keys.resolve(gw.key);
  ctx.route = rt.catalog.resolve(gw.tenant.id, model);
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
  try {
    const dispatched = await dispatchWithFallback(rt, ctx, openResponse(), build);
    await dispatched!.response.body.text();
    dispatched!.release();
    return { ctx, error: undefined };
  } catch (err) {
    return { ctx, error: err as GatewayError };
  }
}

describe("dispatchWithFallback on a content-policy refusal", () => {
  it("falls back to the fallback models when the model is configured to", async () => {
    const { ctx, error } = await dispatch("filtered-fb");
    expect(error).toBeUndefined();
    expect(ctx.candidate!.target.name).toBe("backup");
    expect(ctx.servedRoute!.model.name).toBe("safe");
    expect(ctx.attempts.map((a) => [a.model, a.status])).toEqual([
      ["filtered-fb", 400],
      ["safe", 200],
    ]);
  });

  it("answers the refusal, trying nothing else, when it is not", async () => {
    const before = backup.requests.length;
    const { ctx, error } = await dispatch("filtered");
    expect(error?.code).toBe("content_filtered");
    expect(ctx.attempts).toHaveLength(1);
    expect(backup.requests.length).toBe(before);
  });

  it("a refusal does not count against the deployment's breaker", async () => {
    const id = gw.app.runtime.catalog.resolve(gw.tenant.id, "filtered")!.groups[0]![0]!.deployment.id;
    const [snapshot] = await gw.app.runtime.breakers.snapshot([id]);
    expect(snapshot!.consecutiveFailures).toBe(0);
  });
});

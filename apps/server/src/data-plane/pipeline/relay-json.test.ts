import { GatewayError } from "@gatehouse/protocol";
import { type FakeServer, startFakeOpenAI } from "@gatehouse/test-support";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { estimateTokens } from "../../metering/estimate-tokens.js";
import { namingProvider, relayJson } from "./relay-json.js";
import { holdClientResponse } from "./testing/hold-client-response.js";
import { openExchange } from "./testing/open-exchange.js";
import { type ScriptedUpstream, startScriptedUpstream } from "./testing/start-scripted-upstream.js";
import { startUnitRuntime, type UnitRuntime } from "./testing/start-unit-runtime.js";
import { UnitCatalog } from "./testing/unit-catalog.js";

let u: UnitRuntime;
let fake: FakeServer;
let late: ScriptedUpstream;

beforeAll(async () => {
  fake = await startFakeOpenAI();
  // Headers at once, the body 600 ms later: a relay waiting on the body.
  late = await startScriptedUpstream((res) => {
    res.writeHead(200, { "content-type": "application/json" });
    res.flushHeaders();
    const timer = setTimeout(() => res.end(JSON.stringify({ usage: { prompt_tokens: 3 } })), 600);
    res.on("close", () => clearTimeout(timer));
  });
  u = await startUnitRuntime();
  u.rt.catalog = new UnitCatalog(u.principal.tenantId)
    .provider("up", "openai", fake.url)
    .provider("late", "openai", late.url)
    .model("m", [{ provider: "up" }])
    .model("late", [{ provider: "late" }])
    .build();
});
afterAll(async () => {
  await u?.close();
  await fake?.close();
  await late?.close();
});

type Answer = Parameters<typeof relayJson>[4];
const passthrough: Answer = (bytes, json) => ({
  body: bytes,
  usage: { inputTokens: (json as { usage: { prompt_tokens: number } }).usage.prompt_tokens, outputTokens: 2 },
});

/** Relays one upstream answer (`mode` of the fake) to a real client; the error thrown, if any. */
async function relay(
  mode: string,
  answer: Answer = passthrough,
  options: { leaveAfterMs?: number; deadlineMs?: number; model?: string } = {},
) {
  const held = await holdClientResponse();
  const { exchange, scope } = await openExchange(u, held.res, options.model ?? "m", {
    headers: { "x-fake-mode": mode },
    deadlineMs: options.deadlineMs,
  });
  if (options.leaveAfterMs !== undefined) setTimeout(() => held.leave(), options.leaveAfterMs);
  try {
    const outcome = await relayJson(
      scope,
      u.rt.now,
      exchange,
      held.res,
      answer,
      ["top_k is not supported; dropped"],
      40,
    );
    return { outcome, error: undefined, client: await held.answer, exchange, res: held.res };
  } catch (error) {
    return { outcome: undefined, error: error as GatewayError, client: undefined, exchange, res: held.res };
  } finally {
    await held.close();
  }
}

describe("relayJson", () => {
  it("sends the operation's answer whole, with the gateway's headers, and says what it sent", async () => {
    const { outcome, client, exchange } = await relay("ok");
    expect(client!.status).toBe(200);
    expect(client!.complete).toBe(true);
    expect(JSON.parse(client!.body).object).toBe("chat.completion"); // the upstream's bytes, passed through
    expect(client!.headers).toMatchObject({
      "content-type": "application/json",
      "x-gatehouse-provider": "up",
      "x-gatehouse-deployment": "dep_m_up",
      "x-gatehouse-attempts": "1",
      "x-gatehouse-warnings": "top_k is not supported; dropped",
    });
    expect(client!.headers["x-gatehouse-request-id"]).toMatch(/^req_unit_/);
    expect(outcome).toMatchObject({
      status: 200,
      usageEstimated: false,
      interrupted: false,
      errorCode: undefined,
    });
    expect(outcome!.usage!.outputTokens).toBe(2);
    expect(outcome!.served).toBe(exchange.served);
    expect(outcome!.ttfbMs).toBeGreaterThanOrEqual(0);
    expect(u.rt.balancer.inFlight.get("dep_m_up")).toBe(0); // released
  });

  it("a body that is not JSON is the provider's upstream_error, and nothing reaches the client", async () => {
    const { error, res } = await relay("cut-stream"); // half a JSON body, ended cleanly
    expect(error).toMatchObject({ code: "upstream_error", status: 502, details: { provider: "up" } });
    expect(error!.message).toContain("'up'");
    expect(res.headersSent).toBe(false);
  });

  it("a body cut by a reset is upstream_unreachable", async () => {
    const { error } = await relay("reset-mid-stream");
    expect(error).toMatchObject({ code: "upstream_unreachable", details: { provider: "up" } });
  });

  it("an answer the operation cannot read is said of the provider", async () => {
    const { error } = await relay("ok", () => {
      throw new TypeError("Cannot read properties of undefined");
    });
    expect(error).toMatchObject({ code: "upstream_error", details: { provider: "up" } });
    expect(error!.cause).toBeInstanceOf(TypeError);
  });

  it("the deadline passing mid-body is the 504", async () => {
    const { error } = await relay("ok", passthrough, { deadlineMs: 200, model: "late" });
    expect(error).toMatchObject({ code: "upstream_timeout", status: 504 });
  });

  it("a client gone mid-body is an outcome (499, interrupted, prompt estimated), not an error", async () => {
    const { outcome, error } = await relay("ok", passthrough, { leaveAfterMs: 100, model: "late" });
    expect(error).toBeUndefined();
    expect(outcome).toMatchObject({
      status: 499,
      errorCode: "client_closed",
      interrupted: true,
      usageEstimated: true,
    });
    expect(outcome!.usage).toEqual({ inputTokens: estimateTokens(40), outputTokens: 0 });
  });
});

describe("namingProvider", () => {
  it("keeps an error that is not upstream_error or already names this provider; names it otherwise", () => {
    const thrown = fc.oneof(
      fc.string().map((m) => new Error(m)),
      fc.string().map((m) => new GatewayError("upstream_error", m)),
      fc.string().map((m) => new GatewayError("upstream_error", m, { provider: "other" })),
      fc.string().map((m) => new GatewayError("upstream_error", m, { provider: "prov" })),
      fc.string().map((m) => new GatewayError("invalid_request", m)),
      fc.anything(),
    );
    fc.assert(
      fc.property(thrown, (err) => {
        const out = namingProvider(err, "prov");
        expect(out).toBeInstanceOf(GatewayError);
        const kept =
          err instanceof GatewayError && (err.code !== "upstream_error" || err.details.provider === "prov");
        if (kept) expect(out).toBe(err);
        else {
          expect(out).toMatchObject({ code: "upstream_error", details: { provider: "prov" } });
          expect(out.message).toContain("'prov'");
          expect(out.cause).toBe(err);
        }
      }),
    );
  });
});

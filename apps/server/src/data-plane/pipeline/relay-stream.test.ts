import { type FakeServer, startFakeAnthropic, startFakeOpenAI } from "@gatehouse/test-support";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { estimateTokens } from "../../metering/estimate-tokens.js";
import { adapterFor } from "../../providers/adapter-for.js";
import { anthropicSurface } from "../anthropic/anthropic-surface.js";
import { OpenAIStreamPipe } from "../openai/openai-stream-pipe.js";
import { openAISurface } from "../openai/openai-surface.js";
import { DecodingStreamPipe } from "./decoding-stream-pipe.js";
import { relayStream } from "./relay-stream.js";
import type { StreamPipe } from "./stream-pipe.js";
import { holdClientResponse } from "./testing/hold-client-response.js";
import { openExchange } from "./testing/open-exchange.js";
import { startUnitRuntime, type UnitRuntime } from "./testing/start-unit-runtime.js";
import { UnitCatalog } from "./testing/unit-catalog.js";

let u: UnitRuntime;
let openai: FakeServer;
let anthropic: FakeServer;

beforeAll(async () => {
  [openai, anthropic] = await Promise.all([startFakeOpenAI(), startFakeAnthropic()]);
  u = await startUnitRuntime();
  u.rt.catalog = new UnitCatalog(u.principal.tenantId)
    .provider("oai", "openai", openai.url)
    .provider("ant", "anthropic", anthropic.url)
    .model("gpt", [{ provider: "oai" }])
    .model("claude", [{ provider: "ant" }])
    .build();
});
afterAll(async () => {
  await u?.close();
  await Promise.all([openai?.close(), anthropic?.close()]);
});

interface StreamCase {
  model?: "gpt" | "claude";
  headers?: Record<string, string>;
  deadlineMs?: number;
  /** The client leaves once it has received this much of the body. */
  leaveAfterChars?: number;
}

/** Relays one upstream stream to a real client through the passthrough pipe of its protocol. */
async function relay(c: StreamCase = {}) {
  const model = c.model ?? "gpt";
  const held = await holdClientResponse();
  const { exchange, scope } = await openExchange(u, held.res, model, {
    stream: true,
    headers: c.headers,
    deadlineMs: c.deadlineMs,
  });
  const surface = model === "gpt" ? openAISurface : anthropicSurface;
  const pipe: StreamPipe =
    model === "gpt"
      ? new OpenAIStreamPipe(false, surface.errors, "oai")
      : new DecodingStreamPipe(
          adapterFor("anthropic"),
          exchange.response.headers,
          exchange.served.candidate.target.name,
          surface.errors,
          undefined,
        );
  if (c.leaveAfterChars !== undefined) {
    let seen = 0;
    const push = pipe.push.bind(pipe);
    pipe.push = (chunk) => {
      const out = push(chunk);
      seen += out.length;
      if (seen >= c.leaveAfterChars!) held.leave();
      return out;
    };
  }
  const outcome = await relayStream(scope, u.rt.now, exchange, held.res, pipe, surface.errors, [], 20);
  const client = await held.answer;
  await held.close();
  return { outcome, client, pipe };
}

/** The JSON of the stream's last `data:` line. */
function lastData(body: string): unknown {
  const lines = body.split("\n").filter((l) => l.startsWith("data: "));
  const last = lines.at(-1)!.slice("data: ".length);
  return last === "[DONE]" ? last : JSON.parse(last);
}

describe("relayStream", () => {
  it("relays a complete stream with the upstream's usage, as an event stream", async () => {
    const { outcome, client } = await relay();
    expect(client.headers).toMatchObject({
      "content-type": "text/event-stream; charset=utf-8",
      "cache-control": "no-cache",
    });
    expect(client.complete).toBe(true);
    expect(lastData(client.body)).toBe("[DONE]");
    expect(outcome).toMatchObject({
      status: 200,
      interrupted: false,
      usageEstimated: false,
      errorCode: undefined,
    });
    expect(outcome.usage!.outputTokens).toBeGreaterThan(0);
    expect(outcome.ttfbMs).toBeGreaterThanOrEqual(0);
  });

  it("ends a cut stream with the protocol's error event, never [DONE]; usage at least what was delivered", async () => {
    const { outcome, client, pipe } = await relay({ headers: { "x-fake-mode": "cut-stream" } });
    expect(client.complete).toBe(true);
    expect(client.body).not.toContain("[DONE]");
    expect(lastData(client.body)).toMatchObject({ error: { code: "stream_interrupted" } });
    expect(outcome).toMatchObject({
      status: 200,
      interrupted: true,
      errorCode: "stream_interrupted",
      usageEstimated: true,
    });
    expect(pipe.deliveredChars).toBeGreaterThan(0);
    expect(outcome.usage!.outputTokens).toBeGreaterThanOrEqual(estimateTokens(pipe.deliveredChars));
  });

  it("ends a stream reset mid-way with an in-stream error event", async () => {
    const { outcome, client } = await relay({ headers: { "x-fake-mode": "reset-mid-stream" } });
    // The provider was reached: a reset after the first byte is a cut stream, not an unreachable upstream.
    expect(lastData(client.body)).toMatchObject({ error: { code: "stream_interrupted" } });
    expect(outcome).toMatchObject({ interrupted: true, errorCode: "stream_interrupted" });
  });

  it("ends a stalled stream at the deadline with the 504's in-stream event", async () => {
    const { outcome, client } = await relay({
      headers: { "x-fake-mode": "stall-mid-stream" },
      deadlineMs: 400,
    });
    expect(client.complete).toBe(true);
    expect(lastData(client.body)).toMatchObject({ error: { code: "upstream_timeout" } });
    expect(outcome).toMatchObject({ status: 200, interrupted: true, errorCode: "upstream_timeout" });
  });

  it("passes the upstream's own error event on and stops there: complete with an error, no [DONE]", async () => {
    const { outcome, client } = await relay({ headers: { "x-fake-mode": "stream-error" } });
    expect(client.body).not.toContain("[DONE]");
    expect(outcome).toMatchObject({ interrupted: false, errorCode: "upstream_error" });
  });

  it("a client gone mid-stream is a 499 outcome, interrupted, usage estimated", async () => {
    const { outcome, pipe } = await relay({
      headers: { "x-fake-delay-ms": "30", "x-fake-chunks": "20" },
      leaveAfterChars: 1,
    });
    expect(outcome).toMatchObject({
      status: 499,
      errorCode: "client_closed",
      interrupted: true,
      usageEstimated: true,
    });
    expect(outcome.usage!.outputTokens).toBe(estimateTokens(pipe.deliveredChars));
    expect(openai.requests.length).toBeGreaterThan(0);
  });

  it("does not bill a chunk read after the client's socket closed as delivered", async () => {
    // The upstream read races the client's close: a chunk can reach the relay after the socket is gone.
    const held = await holdClientResponse();
    const { exchange, scope } = await openExchange(u, held.res, "gpt", {
      stream: true,
      headers: { "x-fake-chunks": "12", "x-fake-delay-ms": "5" },
    });
    const pipe = new OpenAIStreamPipe(false, openAISurface.errors, "oai");
    const push = pipe.push.bind(pipe);
    let written = 0;
    pipe.push = (chunk) => {
      const before = pipe.deliveredChars;
      const out = push(chunk);
      if (before >= 10 && pipe.deliveredChars > before) {
        written = before;
        held.res.destroy();
      }
      return out;
    };
    const outcome = await relayStream(
      scope,
      u.rt.now,
      exchange,
      held.res,
      pipe,
      openAISurface.errors,
      [],
      20,
    );
    await held.close();
    expect(written).toBeGreaterThan(0);
    expect(estimateTokens(pipe.deliveredChars)).toBeGreaterThan(estimateTokens(written));
    expect(outcome).toMatchObject({ status: 499, errorCode: "client_closed", interrupted: true });
    expect(outcome.usage).toEqual({ inputTokens: estimateTokens(20), outputTokens: estimateTokens(written) });
    expect(outcome.usageEstimated).toBe(true);
  });

  it("counts a cut stream's output as at least what was delivered, even when a report came first", async () => {
    // Anthropic reports usage in message_start (output_tokens 1), long before the output it covers.
    // Cut before message_delta: message_start, content_block_start, then `chunks` text deltas.
    const cut = fc
      .integer({ min: 1, max: 40 })
      .chain((chunks) => fc.tuple(fc.constant(chunks), fc.integer({ min: 1, max: chunks + 2 })));
    await fc.assert(
      fc.asyncProperty(cut, async ([chunks, after]) => {
        const headers = {
          "x-fake-mode": "cut-stream",
          "x-fake-chunks": String(chunks),
          "x-fake-fault-after": String(after),
        };
        const { outcome, pipe } = await relay({ model: "claude", headers });
        const delivered = estimateTokens(pipe.deliveredChars);
        expect(pipe.usage).toBeDefined();
        expect(outcome.interrupted).toBe(true);
        expect(outcome.usage!.outputTokens).toBe(Math.max(delivered, pipe.usage!.outputTokens));
        expect(outcome.usage!.inputTokens).toBe(pipe.usage!.inputTokens);
        expect(outcome.usageEstimated).toBe(delivered > pipe.usage!.outputTokens);
      }),
      { numRuns: 15 },
    );
  });
});

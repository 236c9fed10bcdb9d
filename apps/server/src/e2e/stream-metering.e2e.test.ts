import type { FakeServer } from "@gatehouse/test-support";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { estimateTokens } from "../metering/estimate-tokens.js";
import { GroupCommitUsageRecorder } from "../metering/group-commit-usage-recorder.js";
import { createStore } from "../store/create-store.js";
import { startTestGateway, type TestGateway } from "../testing/start-test-gateway.js";
import { CountingUsageRecorder } from "./pipeline/counting-usage-recorder.js";
import { addModel, addProvider, startFake, type UpstreamKind, usageOf } from "./routing/routing-fixture.js";
import {
  answerText,
  type ChatAnswer,
  chatRequest,
  endedWithSuccess,
  lastStreamError,
  SURFACES,
  type SurfaceName,
} from "./routing/surface-client.js";

/**
 * Metering truth for streams that do not complete (issue 11): a client that leaves mid-stream is billed
 * its prompt and the output it was delivered; a stream the upstream cuts bills what was delivered; never
 * twice, never $0 once tokens went out. Every client surface against every upstream protocol, so both
 * the passthrough pipes (same protocol) and the converting ones are covered.
 */
const UPSTREAMS: readonly UpstreamKind[] = ["openai", "anthropic", "gemini"];
const CHUNKS = 30;
const FAULT_AFTER = 6;
/** $1 and $2 per million tokens: 1,000 and 2,000 nano-USD per token. */
const PRICES = { inputPricePerMTok: 1_000_000_000, outputPricePerMTok: 2_000_000_000 };

const fakes = new Map<UpstreamKind, FakeServer>();
let gw: TestGateway;
let recorder: CountingUsageRecorder;

beforeAll(async () => {
  const store = createStore({ sqlitePath: ":memory:" });
  await store.migrate();
  recorder = new CountingUsageRecorder(new GroupCommitUsageRecorder(store, silentLogger()));
  gw = await startTestGateway({ store, usageRecorder: recorder, retryPolicy: { maxAttempts: 1 } });
  for (const kind of UPSTREAMS) {
    const fake = await startFake(kind, { chunks: CHUNKS, chunkDelayMs: 25, faultAfterChunks: FAULT_AFTER });
    fakes.set(kind, fake);
    await addProvider(gw, `up-${kind}`, kind, fake);
    await addModel(gw, `m-${kind}`, [{ provider: `up-${kind}` }], PRICES);
  }
});
afterAll(async () => {
  await gw?.close();
  for (const f of fakes.values()) await f.close();
});

function silentLogger() {
  // The recorder only logs failures; a test that meets one fails on its assertions anyway.
  return { error: () => {}, warn: () => {}, info: () => {}, debug: () => {} } as never;
}

/** The events of `body` that arrived whole (a passthrough keeps the upstream's CRLF or LF). */
function wholeEvents(body: string): string {
  const end = Math.max(body.lastIndexOf("\n\n"), body.lastIndexOf("\r\n\r\n"));
  return end === -1 ? "" : body.slice(0, end + 2);
}

function textOf(surface: SurfaceName, body: string): string {
  return answerText(surface, { body: wholeEvents(body) } as ChatAnswer);
}

/** Streams a chat through `surface`, and leaves (aborts the connection) once `leaveAfter` text pieces came. */
async function streamAndLeave(surface: SurfaceName, model: string, leaveAfter: number) {
  const { url, init } = chatRequest(gw, surface, model, { stream: true });
  const abort = new AbortController();
  const res = await fetch(url, { ...init, signal: abort.signal });
  const id = res.headers.get("x-gatehouse-request-id")!;
  const reader = res.body!.getReader();
  const decoder = new TextDecoder();
  let body = "";
  for (;;) {
    const { done, value } = await reader.read();
    if (done) throw new Error("the stream ended before the client left");
    body += decoder.decode(value, { stream: true });
    if (textOf(surface, body).split(" ").length > leaveAfter) break;
  }
  abort.abort();
  return { id, text: textOf(surface, body) };
}

async function streamToEnd(surface: SurfaceName, model: string) {
  const { url, init } = chatRequest(gw, surface, model, { stream: true });
  const res = await fetch(url, init);
  const body = await res.text();
  return { id: res.headers.get("x-gatehouse-request-id")!, body, text: textOf(surface, body) };
}

function expectBilledOnce(id: string) {
  expect(recorder.begins.get(id)).toBe(1);
  expect(recorder.finishes.get(id)).toBe(1);
}

function expectCost(rec: { inputTokens: number; outputTokens: number; costNano: number }) {
  expect(rec.costNano).toBe(rec.inputTokens * 1_000 + rec.outputTokens * 2_000);
  expect(rec.costNano).toBeGreaterThan(0);
}

describe.each(SURFACES)("a %s client", (surface) => {
  describe.each(UPSTREAMS)("streaming from a %s upstream", (upstream) => {
    const model = `m-${upstream}`;

    it("that leaves mid-stream is billed its prompt and the output it was delivered, once", async () => {
      const { id, text } = await streamAndLeave(surface, model, 4);
      const rec = await usageOf(gw, id);
      expect(rec).toMatchObject({ status: "interrupted", errorCode: "client_closed", httpStatus: 499 });
      const delivered = estimateTokens(text.length);
      // What the gateway wrote after the client's last read, before it saw the close: at most a piece.
      expect(rec.outputTokens).toBeGreaterThanOrEqual(delivered);
      expect(rec.outputTokens).toBeLessThanOrEqual(delivered + 2);
      expect(rec.inputTokens).toBeGreaterThan(0);
      expect(rec.usageEstimated).toBe(true);
      expectCost(rec);
      expectBilledOnce(id);
    });

    it("whose upstream cuts the stream is billed exactly the output delivered, once", async () => {
      fakes.get(upstream)!.setMode("cut-stream", 1);
      const { id, text, body } = await streamToEnd(surface, model);
      expect(text.length).toBeGreaterThan(0);
      expect(endedWithSuccess(surface, body)).toBe(false);
      expect(lastStreamError(surface, body)).toBeDefined();
      const rec = await usageOf(gw, id);
      expect(rec).toMatchObject({ status: "interrupted", errorCode: "stream_interrupted", httpStatus: 200 });
      // Every fake reports at most one output token before its end: the delivered estimate decides.
      expect(rec.outputTokens).toBe(estimateTokens(text.length));
      expect(rec.inputTokens).toBeGreaterThan(0);
      expectCost(rec);
      expectBilledOnce(id);
    });

    it("that reads to the end is billed the upstream's reported usage, once", async () => {
      const { id, text } = await streamToEnd(surface, model);
      expect(text.split(" ")).toHaveLength(CHUNKS);
      const rec = await usageOf(gw, id);
      expect(rec).toMatchObject({ status: "success", usageEstimated: false, outputTokens: CHUNKS });
      expectCost(rec);
      expectBilledOnce(id);
    });
  });
});

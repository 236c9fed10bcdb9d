import type { FaultMode } from "@gatehouse/test-support";
import type { CaseContext, ExpectedOutcome } from "./expect-outcome.js";
import type { PipelineDriver } from "./pipeline-driver.js";
import type { RawCallOptions } from "./raw-call.js";
import type { ConformanceCase } from "./run-conformance.js";
import { UPSTREAM_RETRY_AFTER_SECONDS } from "./use-pipeline-gateway.js";

/** The first-byte and idle timeouts the fault cases' gateway runs with. */
export const FIRST_BYTE_MS = 400;
export const IDLE_MS = 400;
/** The total time a client gives one request in the deadline case (x-gatehouse-timeout-ms). */
const CLIENT_DEADLINE_MS = 300;

/** Arms the upstream's fake for one request in `mode`, then sends the row's request. */
const faulty =
  (mode: FaultMode, options: RawCallOptions = {}) =>
  ({ pg, driver, model, upstream }: CaseContext) => {
    pg.fakes[upstream!].setMode(mode, 1);
    return pg.call(driver.request(model), {}, options);
  };

/** A failure before the first byte reached the client: the error as JSON, one attempt, an error record. */
const failedWith = (status: number, code: ExpectedOutcome["code"], retryAfter?: string): ExpectedOutcome => ({
  status,
  code,
  retryAfter,
  usage: "error",
  upstreamCalls: 1,
});

/** A stream that broke after its first byte: 200, the protocol's error event, an interrupted record. */
const cutWith = (code: ExpectedOutcome["code"]): ExpectedOutcome => ({
  status: 200,
  code,
  usage: "interrupted",
  upstreamCalls: 1,
});

const upstreamRow = (d: PipelineDriver) => d.upstreams.length > 0;
const wholeRow = (d: PipelineDriver) => upstreamRow(d) && !d.stream;
const streamRow = (d: PipelineDriver) => d.stream;

/**
 * Upstream faults, through every row that calls an upstream and against each upstream it reaches (its
 * own protocol, passed through, and another, converted). Retries are off in this suite's gateway
 * (maxAttempts 1), so each fault reaches the client as its own outcome class.
 */
export const UPSTREAM_FAULT_CASES: readonly ConformanceCase[] = [
  {
    name: "upstream 500 → 502",
    applies: upstreamRow,
    perUpstream: true,
    send: faulty("error-500"),
    expected: () => failedWith(502, "upstream_error"),
  },
  {
    name: "upstream 400 → 400 (the request's own fault)",
    applies: upstreamRow,
    perUpstream: true,
    send: faulty("error-400"),
    expected: () => failedWith(400, "invalid_request"),
  },
  {
    name: "upstream 401 (the provider refused the gateway's credential) → 502, never 401",
    applies: upstreamRow,
    perUpstream: true,
    send: faulty("error-401"),
    expected: () => failedWith(502, "upstream_error"),
  },
  {
    name: "upstream 503 → overloaded",
    applies: upstreamRow,
    perUpstream: true,
    send: faulty("error-503"),
    // Anthropic clients know an overloaded API by its 529 (their SDKs retry it).
    expected: ({ driver }) => failedWith(driver.surface === "anthropic" ? 529 : 503, "upstream_overloaded"),
  },
  {
    name: "upstream 429 with a retry delay → 429 with retry-after",
    applies: upstreamRow,
    perUpstream: true,
    send: faulty("error-429"),
    expected: () => failedWith(429, "upstream_rate_limited", String(UPSTREAM_RETRY_AFTER_SECONDS)),
  },
  {
    name: "upstream silent past the first-byte timeout → 504",
    applies: upstreamRow,
    perUpstream: true,
    send: faulty("hang"),
    expected: () => failedWith(504, "upstream_timeout"),
  },
  {
    name: "the client's own deadline (x-gatehouse-timeout-ms) passes first → 504",
    applies: upstreamRow,
    perUpstream: true,
    send: ({ pg, driver, model, upstream }) => {
      pg.fakes[upstream!].setMode("hang", 1);
      const r = driver.request(model);
      return pg.call({
        ...r,
        headers: { ...r.headers, "x-gatehouse-timeout-ms": String(CLIENT_DEADLINE_MS) },
      });
    },
    expected: () => failedWith(504, "upstream_timeout"),
  },
  {
    name: "connection reset before any answer → 502",
    applies: upstreamRow,
    perUpstream: true,
    send: faulty("reset"),
    expected: () => failedWith(502, "upstream_unreachable"),
  },
  {
    name: "upstream body cut in half → 502",
    applies: wholeRow,
    perUpstream: true,
    send: faulty("cut-stream"),
    expected: () => failedWith(502, "upstream_error"),
  },
  {
    name: "stream cut (ended without its finish) → the protocol's error event, no success marker",
    applies: streamRow,
    perUpstream: true,
    send: faulty("cut-stream"),
    expected: () => cutWith("stream_interrupted"),
  },
  {
    name: "connection reset mid-stream → the protocol's error event, no success marker",
    applies: streamRow,
    perUpstream: true,
    send: faulty("reset-mid-stream"),
    expected: () => cutWith("stream_interrupted"),
  },
  {
    name: "stream stalls past the idle timeout → the protocol's error event, no success marker",
    applies: streamRow,
    perUpstream: true,
    send: faulty("stall-mid-stream"),
    expected: () => cutWith("upstream_timeout"),
  },
  {
    name: "upstream's own in-stream error event → the protocol's error event, no success marker",
    applies: streamRow,
    perUpstream: true,
    send: faulty("stream-error"),
    // The upstream's error (its code, relayed or converted), not one of the gateway's.
    expected: () => ({ status: 200, upstreamErrorEvent: true, usage: "error", upstreamCalls: 1 }),
  },
  {
    name: "client leaves mid-stream → an interrupted record",
    applies: streamRow,
    perUpstream: true,
    send: faulty("slow", { leaveAfterChunks: 1 }),
    expected: () => ({
      status: 200,
      usage: "interrupted",
      upstreamCalls: 1,
      logStatus: 499,
      clientLeft: true,
    }),
  },
];

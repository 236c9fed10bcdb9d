import { ERROR_CODES, type ErrorCode } from "@gatehouse/protocol";
import { expect } from "vitest";
import type { UsageStatus } from "../../store/store-types.js";
import type { PipelineDriver, UpstreamKind } from "./pipeline-driver.js";
import type { RawAnswer } from "./raw-call.js";
import { lastStreamErrorEvent, streamEndedWithSuccess } from "./responses-stream-outcome.js";
import { expectErrorShape, geminiRetryDelay } from "./surface-error-shapes.js";
import type { PipelineGateway } from "./use-pipeline-gateway.js";

/**
 * The outcome class a case expects, the same for every row it applies to; each row's answer is checked
 * in its own protocol's shape.
 */
export interface ExpectedOutcome {
  /** The HTTP status the client gets. */
  status: number;
  /** The error, answered as the protocol's JSON error (status ≥ 400) or as its in-stream event (200). */
  code?: ErrorCode;
  /** A 200 stream ending in an in-stream error event the upstream itself sent (relayed, any code). */
  upstreamErrorEvent?: true;
  /** The `retry-after` header (and Gemini's RetryInfo); absent when undefined. */
  retryAfter?: string;
  /** The usage record's state, or "none" when no record may exist. */
  usage: "none" | Exclude<UsageStatus, "pending">;
  /** Requests the upstreams receive. */
  upstreamCalls: number;
  /** The status of the log line when it differs from the client's (499: the client left first). */
  logStatus?: number;
  /** Set when the client leaves mid-answer: the body is not checked. */
  clientLeft?: boolean;
}

/** What a case ran against: the fixture, the row, the upstream kind (undefined when local) and model. */
export interface CaseContext {
  pg: PipelineGateway;
  driver: PipelineDriver;
  upstream: UpstreamKind | undefined;
  model: string;
}

/**
 * Asserts an answer's outcome class: status, the error in the surface's shape (JSON, or the in-stream
 * event with no success marker after it), retry-after, what reached the upstreams, the usage record's
 * state and the request's one log line.
 */
export async function expectOutcome(
  ctx: CaseContext,
  answer: RawAnswer,
  exp: ExpectedOutcome,
  upstreamCallsBefore: number,
): Promise<void> {
  const { pg, driver, model } = ctx;
  const { surface } = driver;
  expect(answer.status, answer.body).toBe(exp.status);
  expect(answer.requestId).not.toBe("");
  if (exp.clientLeft) {
    // Nothing to read: the client went away.
  } else if ((exp.code !== undefined || exp.upstreamErrorEvent) && exp.status === 200) {
    const event = lastStreamErrorEvent(surface, answer.body);
    expect(event, answer.body).toBeDefined();
    expectErrorShape(surface, event, exp.code && ERROR_CODES[exp.code].status, exp.code);
    expect(streamEndedWithSuccess(surface, answer.body)).toBe(false);
  } else if (exp.code !== undefined) {
    expect(String(answer.headers["content-type"])).toMatch(/^application\/json/);
    expectErrorShape(surface, JSON.parse(answer.body), exp.status, exp.code);
    if (surface === "gemini")
      expect(geminiRetryDelay(JSON.parse(answer.body))).toBe(exp.retryAfter && `${exp.retryAfter}s`);
  } else {
    driver.expectSuccess(answer, model);
  }
  expect(answer.headers["retry-after"]).toBe(exp.retryAfter);
  expect(pg.upstreamCalls() - upstreamCallsBefore).toBe(exp.upstreamCalls);
  await expectUsage(ctx, answer, exp);
  const lines = await pg.logLines(answer.requestId);
  expect(lines).toHaveLength(1);
  expect(lines[0]).toMatchObject({
    msg: "request",
    status: exp.logStatus ?? exp.status,
    surface,
  });
  if (exp.code !== undefined) expect(lines[0]!.error).toBe(exp.code);
}

async function expectUsage(ctx: CaseContext, answer: RawAnswer, exp: ExpectedOutcome): Promise<void> {
  const rec = await ctx.pg.usage(answer.requestId);
  if (exp.usage === "none") {
    expect(rec).toBeUndefined();
    return;
  }
  expect(rec).toMatchObject({ status: exp.usage, surface: ctx.driver.surface, model: ctx.model });
  if (exp.usage === "success") {
    expect(rec!.httpStatus).toBe(200);
    expect(rec!.costNano).toBeGreaterThan(0);
  }
  if (exp.usage === "error" && exp.status >= 400) expect(rec!.httpStatus).toBe(exp.status);
  if (exp.code !== undefined) expect(rec!.errorCode).toBe(exp.code);
}

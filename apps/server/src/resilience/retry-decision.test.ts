import { type ErrorCode, GatewayError, type GatewayErrorDetails } from "@gatehouse/protocol";
import { describe, expect, it } from "vitest";
import { isDeploymentFailure } from "./is-deployment-failure.js";
import { type RetryPolicy, retryDecision } from "./retry-decision.js";

const policy: RetryPolicy = {
  maxAttempts: 3,
  retryAfterCapMs: 10_000,
  backoff: { baseMs: 100, maxMs: 1_000 },
};
const err = (code: ErrorCode, details: GatewayErrorDetails = {}) =>
  new GatewayError(code, undefined, details);
const half = () => 0.5;

describe("retryDecision", () => {
  it.each<ErrorCode>([
    "invalid_request",
    "invalid_json",
    "unsupported_parameter",
    "missing_api_key",
    "invalid_api_key",
    "permission_denied",
    "not_found",
    "model_not_found",
    "payload_too_large",
    "rate_limited",
    "budget_exceeded",
    "service_unavailable",
    "internal_error",
  ])("never retries nor falls back on %s", (code) => {
    expect(retryDecision(err(code), 1, policy, half)).toEqual({
      retry: false,
      fallback: false,
      reason: "not_retryable",
    });
  });

  it.each<ErrorCode>([
    "upstream_error",
    "upstream_unreachable",
    "upstream_timeout",
    "upstream_overloaded",
    "upstream_rate_limited",
    "stream_interrupted",
  ])("retries %s with jittered backoff, then falls back", (code) => {
    expect(retryDecision(err(code), 1, policy, half)).toEqual({ retry: true, delayMs: 50 });
    expect(retryDecision(err(code), 2, policy, half)).toEqual({ retry: true, delayMs: 100 });
    expect(retryDecision(err(code), 3, policy, half)).toEqual({
      retry: false,
      fallback: true,
      reason: "attempts_exhausted",
    });
  });

  it("does not retry an upstream error that carries a client status", () => {
    expect(retryDecision(err("upstream_error", { status: 400 }), 1, policy, half)).toMatchObject({
      retry: false,
      reason: "not_retryable",
    });
    expect(retryDecision(err("upstream_error", { status: 503 }), 1, policy, half).retry).toBe(true);
    expect(retryDecision(err("upstream_error", { status: 408 }), 1, policy, half).retry).toBe(true);
  });

  it("waits exactly the upstream's Retry-After when it is under the cap", () => {
    const e = err("upstream_rate_limited", { retryAfterSeconds: 7 });
    expect(retryDecision(e, 1, policy, half)).toEqual({ retry: true, delayMs: 7_000 });
    expect(retryDecision(err("upstream_overloaded", { retryAfterSeconds: 0 }), 1, policy, half)).toEqual({
      retry: true,
      delayMs: 0,
    });
  });

  it("falls back instead of waiting a Retry-After above the cap", () => {
    const e = err("upstream_rate_limited", { retryAfterSeconds: 11 });
    expect(retryDecision(e, 1, policy, half)).toEqual({
      retry: false,
      fallback: true,
      reason: "retry_after_too_long",
    });
  });

  it("sends a context overflow to a larger window, never to the same model", () => {
    expect(retryDecision(err("context_length_exceeded"), 1, policy, half)).toEqual({
      retry: false,
      fallback: true,
      reason: "context_window_exceeded",
    });
  });

  it("falls back on a content refusal only when configured", () => {
    const e = err("content_filtered");
    expect(retryDecision(e, 1, policy, half)).toEqual({
      retry: false,
      fallback: false,
      reason: "content_filtered",
    });
    expect(retryDecision(e, 1, { ...policy, fallbackOnContentFilter: true }, half)).toEqual({
      retry: false,
      fallback: true,
      reason: "content_filtered",
    });
  });

  it("uses a default backoff when the policy names none", () => {
    const d = retryDecision(err("upstream_timeout"), 1, { maxAttempts: 2, retryAfterCapMs: 0 }, () => 0.999);
    expect(d).toEqual({ retry: true, delayMs: 249 });
  });
});

describe("isDeploymentFailure", () => {
  it("counts upstream failures against the deployment, never the client's mistakes", () => {
    expect(isDeploymentFailure(err("upstream_overloaded"))).toBe(true);
    expect(isDeploymentFailure(err("upstream_rate_limited", { status: 429 }))).toBe(true);
    expect(isDeploymentFailure(err("invalid_request"))).toBe(false);
    expect(isDeploymentFailure(err("context_length_exceeded"))).toBe(false);
    expect(isDeploymentFailure(err("upstream_error", { status: 404 }))).toBe(false);
  });
});

import { describe, expect, it } from "vitest";
import { decodeOpenAIError } from "./decode-openai-error.js";

const body = (error: object) => JSON.stringify({ error });
const now = Date.parse("2025-01-01T00:00:00Z");

describe("decodeOpenAIError", () => {
  it("maps a 400 to invalid_request, keeping message, param and type", () => {
    const err = decodeOpenAIError(
      400,
      body({
        message: "Invalid value for 'temperature'",
        type: "invalid_request_error",
        param: "temperature",
        code: null,
      }),
      {},
      now,
    );
    expect(err.code).toBe("invalid_request");
    expect(err.status).toBe(400);
    expect(err.message).toBe("Invalid value for 'temperature'");
    expect(err.details).toEqual({ param: "temperature", upstreamType: "invalid_request_error" });
  });

  it("recognises context overflows by code and by message", () => {
    const byCode = body({
      message:
        "This model's maximum context length is 8192 tokens. However, your messages resulted in 8227 tokens.",
      type: "invalid_request_error",
      param: "messages",
      code: "context_length_exceeded",
    });
    expect(decodeOpenAIError(400, byCode, {}).code).toBe("context_length_exceeded");
    expect(
      decodeOpenAIError(400, JSON.stringify({ message: "prompt is too long for the context window" }), {})
        .code,
    ).toBe("context_length_exceeded");
  });

  it("recognises content-policy refusals (Azure's content filter, OpenAI's policy violation)", () => {
    const azure = body({
      message:
        "The response was filtered due to the prompt triggering Azure OpenAI's content management policy.",
      type: null,
      param: "prompt",
      code: "content_filter",
    });
    expect(decodeOpenAIError(400, azure, {}).code).toBe("content_filtered");
    expect(
      decodeOpenAIError(
        400,
        body({ message: "x", type: "invalid_request_error", code: "content_policy_violation" }),
        {},
      ).code,
    ).toBe("content_filtered");
    expect(
      decodeOpenAIError(400, body({ message: "x", type: "invalid_request_error", code: "other" }), {}).code,
    ).toBe("invalid_request");
  });

  it("never tells the client 401/403: the provider refused the gateway's key", () => {
    for (const status of [401, 403]) {
      const err = decodeOpenAIError(
        status,
        body({
          message: "Incorrect API key provided",
          type: "invalid_request_error",
          code: "invalid_api_key",
        }),
        {},
      );
      expect(err.code).toBe("upstream_error");
      expect(err.status).toBe(502);
      expect(err.message).toContain("Incorrect API key provided");
    }
  });

  it("maps 404 model errors, 413, 5xx and timeouts", () => {
    const model = body({
      message: "The model `gpt-9` does not exist",
      type: "invalid_request_error",
      code: "model_not_found",
    });
    expect(decodeOpenAIError(404, model, {}).code).toBe("model_not_found");
    expect(decodeOpenAIError(404, "Not Found", {}).code).toBe("upstream_error");
    expect(decodeOpenAIError(413, "", {}).code).toBe("payload_too_large");
    expect(decodeOpenAIError(500, body({ message: "boom", type: "server_error" }), {}).code).toBe(
      "upstream_error",
    );
    expect(decodeOpenAIError(502, "<html>bad gateway</html>", {}).message).toBe("<html>bad gateway</html>");
    expect(decodeOpenAIError(503, "", {}).code).toBe("upstream_overloaded");
    expect(decodeOpenAIError(529, "", {}).code).toBe("upstream_overloaded");
    expect(decodeOpenAIError(504, "", {}).code).toBe("upstream_timeout");
    expect(decodeOpenAIError(500, "", {}).message).toBe("HTTP 500");
  });

  it("maps a 429 with its wait, and insufficient_quota as a provider failure", () => {
    const limited = decodeOpenAIError(
      429,
      body({ message: "Rate limit reached", type: "requests", code: "rate_limit_exceeded" }),
      {
        "retry-after": "7",
      },
    );
    expect(limited.code).toBe("upstream_rate_limited");
    expect(limited.details.retryAfterSeconds).toBe(7);
    const quota = decodeOpenAIError(
      429,
      body({
        message: "You exceeded your current quota",
        type: "insufficient_quota",
        code: "insufficient_quota",
      }),
      {},
    );
    expect(quota.code).toBe("upstream_error");
    expect(quota.details.upstreamType).toBe("insufficient_quota");
  });

  it('reads the loose {"error": "..."} shape of some compatible servers', () => {
    expect(decodeOpenAIError(400, JSON.stringify({ error: "model is required" }), {}).message).toBe(
      "model is required",
    );
  });
});

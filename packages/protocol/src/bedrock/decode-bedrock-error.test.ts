import { describe, expect, it } from "vitest";
import { decodeBedrockError } from "./decode-bedrock-error.js";

const now = Date.parse("2025-01-01T00:00:00Z");
const typed = (type: string) => ({
  "x-amzn-errortype": `${type}:http://internal.amazon.com/coral/com.amazon.bedrock/`,
});

describe("decodeBedrockError", () => {
  it.each([
    [
      400,
      "ValidationException",
      "Malformed input request: #/messages: expected minimum item count: 1",
      "invalid_request",
      400,
    ],
    [400, "ValidationException", "Input is too long for requested model.", "context_length_exceeded", 400],
    [400, "ValidationException", "The provided model identifier is invalid.", "model_not_found", 404],
    [
      400,
      "ValidationException",
      "Invocation of model ID anthropic.claude-x with on-demand throughput isn't supported. Retry your request with the ID or ARN of an inference profile.",
      "upstream_error",
      502,
    ],
    [
      403,
      "AccessDeniedException",
      "You don't have access to the model with the specified model ID.",
      "upstream_error",
      502,
    ],
    [
      403,
      "UnrecognizedClientException",
      "The security token included in the request is invalid.",
      "upstream_error",
      502,
    ],
    [404, "ResourceNotFoundException", "Model not found", "model_not_found", 404],
    [408, "ModelTimeoutException", "Model timed out", "upstream_timeout", 504],
    [424, "ModelErrorException", "The model failed", "upstream_error", 502],
    [
      429,
      "ThrottlingException",
      "Too many requests, please wait before trying again.",
      "upstream_rate_limited",
      429,
    ],
    [429, "ModelNotReadyException", "Model is not ready", "upstream_overloaded", 503],
    [500, "InternalServerException", "Internal error", "upstream_error", 502],
    [503, "ServiceUnavailableException", "Service unavailable", "upstream_overloaded", 503],
  ])("maps %i %s to %s", (status, type, message, code, httpStatus) => {
    const err = decodeBedrockError(status, JSON.stringify({ message }), typed(type), now);
    expect(err.code).toBe(code);
    expect(err.status).toBe(httpStatus);
    expect(err.message).toBe(message);
    expect(err.details.upstreamType).toBe(type);
  });

  it("reads the type from the body's __type and the message from Message", () => {
    const err = decodeBedrockError(
      400,
      JSON.stringify({ __type: "com.amazon.coral.validate#ValidationException", Message: "Bad" }),
      {},
    );
    expect(err.code).toBe("invalid_request");
    expect(err.details.upstreamType).toBe("ValidationException");
    expect(err.message).toBe("Bad");
  });

  it("keeps Retry-After on throttling, and falls back to the status for unknown bodies", () => {
    expect(
      decodeBedrockError(429, "{}", { ...typed("ThrottlingException"), "Retry-After": "7" }, now).details
        .retryAfterSeconds,
    ).toBe(7);
    const bare = decodeBedrockError(503, "upstream connect error", {}, now);
    expect(bare.code).toBe("upstream_overloaded");
    expect(bare.message).toBe("upstream connect error");
    expect(decodeBedrockError(500, "", {}, now).message).toBe("Bedrock returned HTTP 500");
  });
});

import { describe, expect, it } from "vitest";
import { decodeOllamaError } from "./decode-ollama-error.js";

describe("decodeOllamaError", () => {
  it("maps Ollama's statuses, keeping its message", () => {
    const missing = decodeOllamaError(404, JSON.stringify({ error: "model 'llama9' not found" }), {});
    expect(missing.code).toBe("model_not_found");
    expect(missing.message).toBe("model 'llama9' not found");
    expect(missing.details.provider).toBe("ollama");
    expect(decodeOllamaError(400, JSON.stringify({ error: "invalid format" }), {}).code).toBe(
      "invalid_request",
    );
    expect(
      decodeOllamaError(400, JSON.stringify({ error: "input length exceeds the context length" }), {}).code,
    ).toBe("context_length_exceeded");
    expect(
      decodeOllamaError(500, JSON.stringify({ error: "model requires more system memory" }), {}).code,
    ).toBe("upstream_error");
    expect(decodeOllamaError(503, JSON.stringify({ error: "server busy, please try again" }), {}).code).toBe(
      "upstream_overloaded",
    );
    expect(decodeOllamaError(504, "", {}).code).toBe("upstream_timeout");
    expect(decodeOllamaError(502, "<html>Bad Gateway</html>", {}).message).toBe("<html>Bad Gateway</html>");
  });

  it("never passes a 401 to the client, and reads Retry-After on 429", () => {
    const denied = decodeOllamaError(401, JSON.stringify({ error: "unauthorized" }), {});
    expect(denied.code).toBe("upstream_error");
    expect(denied.status).toBe(502);
    const limited = decodeOllamaError(429, JSON.stringify({ error: "too many requests" }), {
      "retry-after": "12",
    });
    expect(limited.code).toBe("upstream_rate_limited");
    expect(limited.details.retryAfterSeconds).toBe(12);
  });
});

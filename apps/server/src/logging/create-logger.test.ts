import { Writable } from "node:stream";
import { describe, expect, it } from "vitest";
import { createLogger, redactUrl } from "./create-logger.js";

describe("logging", () => {
  it("redacts auth headers and secrets wherever they appear", async () => {
    const lines: string[] = [];
    const sink = new Writable({
      write(chunk, _enc, cb) {
        lines.push(String(chunk));
        cb();
      },
    });
    const log = createLogger("info", sink);
    log.info(
      { headers: { authorization: "Bearer gh_secret", "x-api-key": "sk-ant-secret", cookie: "s=1" } },
      "a",
    );
    log.info({ req: { headers: { "x-goog-api-key": "AIza-secret" } }, apiKey: "sk-secret" }, "b");
    const text = lines.join("");
    expect(text).not.toMatch(/secret|s=1/);
    expect(text).toContain("[redacted]");
  });

  it("redacts key query parameters", () => {
    expect(redactUrl("/v1beta/models/x:generateContent?alt=sse&key=AIzaXYZ")).toBe(
      "/v1beta/models/x:generateContent?alt=sse&key=[redacted]",
    );
    expect(redactUrl("/v1/models?key=abc&x=1")).toBe("/v1/models?key=[redacted]&x=1");
    expect(redactUrl("/v1/chat/completions")).toBe("/v1/chat/completions");
  });

  it("redacts a single sign-on callback's code and state", () => {
    expect(redactUrl("/api/auth/sso/callback?code=c0de&state=st4te&iss=https%3A%2F%2Fidp")).toBe(
      "/api/auth/sso/callback?code=[redacted]&state=[redacted]&iss=https%3A%2F%2Fidp",
    );
    expect(redactUrl("/api/auth/sso/callback?error=access_denied&state=st4te")).toBe(
      "/api/auth/sso/callback?error=access_denied&state=[redacted]",
    );
  });
});

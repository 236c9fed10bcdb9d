import { Writable } from "node:stream";
import { describe, expect, it } from "vitest";
import { createLogger, requestLineLogger } from "./create-logger.js";
import { logRequest } from "./log-request.js";

function capture(level: string) {
  const lines: string[] = [];
  const sink = new Writable({
    write(chunk, _enc, done) {
      lines.push(String(chunk));
      done();
    },
  });
  return { logger: requestLineLogger(createLogger(level, sink)), lines };
}

describe("logRequest", () => {
  it("writes the line pino would write for logger.info(fields, 'request')", () => {
    const { logger, lines } = capture("info");
    logRequest(logger, {
      reqId: "req-1",
      method: "POST",
      url: "/v1/chat/completions?key=[redacted]",
      status: 200,
      ms: 250,
      surface: "openai",
      model: 'model "quoted"',
    });
    const viaPino = capture("info");
    viaPino.logger.info(
      {
        reqId: "req-1",
        method: "POST",
        url: "/v1/chat/completions?key=[redacted]",
        status: 200,
        ms: 250,
        surface: "openai",
        model: 'model "quoted"',
      },
      "request",
    );
    expect(lines).toHaveLength(1);
    const strip = (line: string) => line.replace(/"time":"[^"]+"/, '"time":"T"');
    expect(strip(lines[0]!)).toBe(strip(viaPino.lines[0]!));
    expect(JSON.parse(lines[0]!).time).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
  });

  it("writes nothing when the level is above info", () => {
    const { logger, lines } = capture("warn");
    logRequest(logger, {
      reqId: "req-2",
      method: "GET",
      url: "/v1/models",
      status: 200,
      ms: 1,
      surface: "openai",
    });
    expect(lines).toEqual([]);
  });
});

import { spawnSync } from "node:child_process";
import { once } from "node:events";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { createMockUpstream } from "../mock-upstream.mjs";
import { chatRequestBody } from "../request-body.mjs";
import { parseWrkOutput, runWrk, wrkScript } from "./wrk.mjs";

const hasWrk = spawnSync("sh", ["-c", "command -v wrk"]).status === 0;

const REPORT = `Running 10s test @ http://127.0.0.1:9001/v1/chat/completions
  1 threads and 50 connections
  Thread Stats   Avg      Stdev     Max   +/- Stdev
    Latency     8.21ms    1.02ms  30.11ms   91.00%
    Req/Sec     6.12k   300.00     6.50k    80.00%
  61234 requests in 10.01s, 50.12MB read
  Socket errors: connect 0, read 2, write 0, timeout 3
  Non-2xx or 3xx responses: 7
Requests/sec:   6117.28
Transfer/sec:      5.01MB
`;

describe("parseWrkOutput", () => {
  it("reads requests, time, rate and errors", () => {
    expect(parseWrkOutput(REPORT)).toEqual({
      requests: 61234,
      seconds: 10.01,
      requestsPerSec: 6117.28,
      non2xx: 7,
      socketErrors: 5,
    });
  });

  it("reads a clean report as no errors", () => {
    const clean = "  100 requests in 500.00ms, 1MB read\nRequests/sec: 200.00\n";
    expect(parseWrkOutput(clean)).toMatchObject({ requests: 100, seconds: 0.5, non2xx: 0, socketErrors: 0 });
  });
});

describe("wrkScript", () => {
  it("sets method, headers and a body with quotes", () => {
    const script = wrkScript({
      method: "POST",
      headers: { authorization: "Bearer k" },
      body: '{"a":"b\\n"}',
    });
    expect(script).toContain('wrk.method = "POST"');
    expect(script).toContain('wrk.headers["authorization"] = "Bearer k"');
    expect(script).toContain('wrk.headers["content-type"] = "application/json"');
  });

  it.skipIf(!hasWrk)("sends a body the mock upstream parses as JSON (wrk for 1 s)", async () => {
    const server = createMockUpstream();
    server.listen(0, "127.0.0.1");
    await once(server, "listening");
    try {
      const { port } = server.address();
      const result = await runWrk({
        url: `http://127.0.0.1:${port}/v1/chat/completions`,
        method: "POST",
        headers: { authorization: "Bearer k" },
        body: chatRequestBody({ model: "m", stream: false }),
        durationSec: 1,
        connections: 2,
        core: 1,
        workDir: mkdtempSync(join(tmpdir(), "wrk-")),
      });
      expect(result.requests).toBeGreaterThan(10);
      expect(result.non2xx).toBe(0);
    } finally {
      server.closeAllConnections();
      server.close();
    }
  });
});

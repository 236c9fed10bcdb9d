import { once } from "node:events";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { createServer } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { fuzzBody } from "../fuzz/fuzz-body.mjs";
import { fuzz, statusClass } from "./fuzz.mjs";

describe("statusClass", () => {
  it("classes statuses by their hundreds, and anything else as no answer", () => {
    expect([200, 404, 500, 599].map(statusClass)).toEqual(["2xx", "4xx", "5xx", "5xx"]);
    expect(["ECONNRESET", "UND_ERR_HEADERS_TIMEOUT", 600].map(statusClass)).toEqual(
      Array(3).fill("no answer"),
    );
  });
});

describe("fuzz", () => {
  it("counts every answer, and describes and saves each 5xx with the body that caused it", async () => {
    // A server that fails on big bodies (the deep ones) and refuses the rest.
    const server = createServer((req, res) => {
      const parts = [];
      req.on("data", (p) => parts.push(p));
      req.on("end", () => res.writeHead(Buffer.concat(parts).length > 10_000 ? 500 : 400).end("{}"));
    });
    server.listen(0, "127.0.0.1");
    await once(server, "listening");
    const saveDir = mkdtempSync(join(tmpdir(), "fuzz-test-"));
    try {
      const origin = `http://127.0.0.1:${server.address().port}`;
      const result = await fuzz({ origin, surface: "gemini", key: "k", seed: 3, count: 70, saveDir });
      const bodies = Array.from({ length: 70 }, (_, index) => fuzzBody("gemini", { seed: 3, index }));
      const big = bodies.filter((b) => b.body.length > 10_000);
      expect(big.length).toBeGreaterThan(0);
      expect(result.classes).toEqual({
        "2xx": 0,
        "3xx": 0,
        "4xx": 70 - big.length,
        "5xx": big.length,
        "no answer": 0,
      });
      expect(result.unanswered).toBe(big.length);
      expect(result.failures.map((f) => f.index).sort((a, b) => a - b)).toEqual(big.map((b) => b.index));
      for (const f of result.failures) {
        expect(f).toMatchObject({ surface: "gemini", seed: 3, status: 500, kind: bodies[f.index].kind });
        expect(existsSync(f.file) && readFileSync(f.file).equals(bodies[f.index].body)).toBe(true);
      }
    } finally {
      rmSync(saveDir, { recursive: true, force: true });
      server.closeAllConnections();
      server.close();
    }
  });
});

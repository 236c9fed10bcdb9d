import { once } from "node:events";
import { createServer } from "node:http";
import { describe, expect, it } from "vitest";
import { openLoop } from "./open-loop.mjs";

describe("openLoop", () => {
  it("keeps its rate and counts a late send in the latency (measured from due time)", async () => {
    const server = createServer((req, res) => {
      req.resume();
      req.on("end", () => res.end("{}"));
    });
    server.listen(0, "127.0.0.1");
    await once(server, "listening");
    // 300 ms in, this process (the generator's main thread) is blocked for 100 ms, as by a long GC:
    // requests due meanwhile leave late, and their latency must show it.
    const blocker = setTimeout(() => {
      const until = performance.now() + 100;
      while (performance.now() < until);
    }, 300);
    try {
      const result = await openLoop({
        origin: `http://127.0.0.1:${server.address().port}`,
        path: "/",
        body: "{}",
        rate: 200,
        durationSec: 1,
        warmupSec: 0,
      });
      expect(result.requests).toBe(200);
      expect(result.errors).toBe(0);
      expect(result.sendLag.max).toBeGreaterThan(80);
      expect(result.latency.max).toBeGreaterThan(80);
      expect(result.latency.p50).toBeLessThan(50);
    } finally {
      clearTimeout(blocker);
      server.closeAllConnections();
      server.close();
    }
  });
});

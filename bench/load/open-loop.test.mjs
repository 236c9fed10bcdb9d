import { once } from "node:events";
import { createServer } from "node:http";
import { describe, expect, it } from "vitest";
import { openLoop } from "./open-loop.mjs";

describe("openLoop", () => {
  it("keeps its rate and measures from the due time, so a stall counts for the queue behind it", async () => {
    let stalled = false;
    const server = createServer((req, res) => {
      req.resume();
      req.on("end", () => {
        // The 20th request stalls the server's only answer path for 100 ms.
        if (!stalled && server.count++ === 20) {
          stalled = true;
          const until = performance.now() + 100;
          while (performance.now() < until);
        }
        res.end("{}");
      });
    });
    server.count = 0;
    server.listen(0, "127.0.0.1");
    await once(server, "listening");
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
      // Requests due during the stall waited for it: latency from due time shows about 100 ms.
      expect(result.latency.max).toBeGreaterThan(80);
      expect(result.sendLag.p50).toBeLessThan(2);
    } finally {
      server.closeAllConnections();
      server.close();
    }
  });
});

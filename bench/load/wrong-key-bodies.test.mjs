import { once } from "node:events";
import { createServer } from "node:http";
import { describe, expect, it } from "vitest";
import { wrongKeyBodies } from "./wrong-key-bodies.mjs";

async function withServer(readBodyFirst, run) {
  const server = createServer((req, res) => {
    const refuse = () => res.writeHead(401, { "content-type": "application/json" }).end('{"error":{}}');
    if (!readBodyFirst) return refuse();
    req.resume();
    req.on("end", refuse);
  });
  server.listen(0, "127.0.0.1");
  await once(server, "listening");
  try {
    return await run(server.address().port);
  } finally {
    server.closeAllConnections();
    server.close();
  }
}

const run = (port) =>
  wrongKeyBodies({
    port,
    path: "/v1/chat/completions",
    key: "gh_x",
    count: 5,
    bodyBytes: 4_000_000,
    pid: process.pid,
  });

describe("wrongKeyBodies", () => {
  it("stops sending when the 401 comes before the body was read", async () => {
    const result = await withServer(false, run);
    expect(result.statuses).toEqual({ 401: 5 });
    expect(result.errors).toBe(0);
    // Well short of the body: the client noticed the status while it was still sending.
    expect(result.sentBeforeStatus.max).toBeLessThan(2_000_000);
    expect(result.latency.count).toBe(5);
    expect(result.rssPeak).toBeGreaterThanOrEqual(result.rssBefore);
  });

  it("sends the whole declared body to a server that reads it before answering", async () => {
    const result = await withServer(true, run);
    expect(result.statuses).toEqual({ 401: 5 });
    expect(result.sentBeforeStatus.p50).toBe(4_000_000);
  });
});

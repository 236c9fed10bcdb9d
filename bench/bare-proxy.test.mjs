import { once } from "node:events";
import { request } from "undici";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createBareProxy } from "./bare-proxy.mjs";
import { createMockUpstream } from "./mock-upstream.mjs";
import { configureUpstream } from "./upstream-control.mjs";
import { freePort } from "./wait-ready.mjs";

const servers = [];
let upstream;
let proxy;

async function listen(server) {
  servers.push(server);
  server.listen(0, "127.0.0.1");
  await once(server, "listening");
  return `http://127.0.0.1:${server.address().port}`;
}

beforeAll(async () => {
  upstream = await listen(createMockUpstream());
  proxy = await listen(createBareProxy(upstream));
});

afterAll(() => {
  for (const server of servers) {
    server.closeAllConnections();
    server.close();
  }
});

describe("bare proxy", () => {
  it("passes a stream through whole, chunk by chunk", async () => {
    await configureUpstream(upstream, { chunks: 20, intervalMs: 5 });
    const res = await request(`${proxy}/v1/chat/completions`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ model: "m", stream: true }),
    });
    expect(res.statusCode).toBe(200);
    expect(res.headers["content-type"]).toBe("text/event-stream");
    let pieces = 0;
    let text = "";
    for await (const piece of res.body) {
      pieces += 1;
      text += piece;
    }
    expect(text.match(/<t:/g)).toHaveLength(20);
    // Chunks 5 ms apart arrive as separate pieces when nothing buffers them.
    expect(pieces).toBeGreaterThanOrEqual(10);
  });

  it("passes the upstream's status and body", async () => {
    const res = await request(`${proxy}/v1/nowhere`, { method: "POST", body: "{}" });
    expect(res.statusCode).toBe(404);
    expect(await res.body.json()).toMatchObject({ error: { type: "not_found_error" } });
  });

  it("answers 502 when the upstream is down", async () => {
    const dead = await listen(createBareProxy(`http://127.0.0.1:${await freePort()}`));
    const res = await request(`${dead}/v1/chat/completions`, { method: "POST", body: "{}" });
    expect(res.statusCode).toBe(502);
    await res.body.dump();
  });
});

import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { connect, type Socket } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { lingerUnreadBody } from "./linger-unread-body.js";

// A server that answers 401 at once, without reading the body, and lingers as the pipeline does.
let server: Server;
let port: number;
beforeAll(async () => {
  server = createServer((req, res) => {
    lingerUnreadBody(req, res, { ms: 300, bytes: 64 * 1024 });
    res.writeHead(401, { "content-type": "application/json" });
    res.end('{"error":"no"}');
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  port = (server.address() as AddressInfo).port;
});
afterAll(() => new Promise<void>((r) => server.close(() => r())));

function open(): Promise<{ socket: Socket; received: () => string; closed: Promise<number> }> {
  return new Promise((resolve) => {
    const socket = connect(port, "127.0.0.1", () => {
      let text = "";
      const started = Date.now();
      socket.on("data", (d) => {
        text += String(d);
      });
      socket.on("error", () => {});
      const closed = new Promise<number>((r) => socket.on("close", () => r(Date.now() - started)));
      resolve({ socket, received: () => text, closed });
    });
  });
}

describe("lingerUnreadBody", () => {
  it("keeps a connection whose small body arrives after the answer (keep-alive survives)", async () => {
    const c = await open();
    c.socket.write("POST / HTTP/1.1\r\nhost: x\r\ncontent-length: 5\r\n\r\n");
    await new Promise((r) => setTimeout(r, 50));
    c.socket.write("hello");
    c.socket.write("GET / HTTP/1.1\r\nhost: x\r\ncontent-length: 0\r\n\r\n");
    await new Promise((r) => setTimeout(r, 500));
    expect(c.received().match(/HTTP\/1\.1 401/g)).toHaveLength(2);
    expect(c.socket.destroyed).toBe(false);
    c.socket.destroy();
  });

  it("hangs up after the time limit when the declared body never comes, the answer delivered first", async () => {
    const c = await open();
    c.socket.write("POST / HTTP/1.1\r\nhost: x\r\ncontent-length: 10485760\r\n\r\n");
    const ms = await c.closed;
    expect(c.received()).toContain("HTTP/1.1 401");
    expect(ms).toBeGreaterThanOrEqual(250);
    expect(ms).toBeLessThan(3_000);
  });

  it("hangs up once more than the byte limit was thrown away, and never before the answer", async () => {
    const c = await open();
    c.socket.write("POST / HTTP/1.1\r\nhost: x\r\ncontent-length: 10485760\r\n\r\n");
    const piece = Buffer.alloc(16 * 1024, 0x61);
    const pump = setInterval(() => {
      if (!c.socket.destroyed) c.socket.write(piece);
    }, 1);
    const ms = await c.closed;
    clearInterval(pump);
    expect(c.received()).toContain("HTTP/1.1 401");
    expect(ms).toBeLessThan(3_000);
  });
});

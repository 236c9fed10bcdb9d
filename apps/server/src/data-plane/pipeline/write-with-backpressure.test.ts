import { createServer, type ServerResponse } from "node:http";
import { type AddressInfo, connect, type Socket } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { writeWithBackpressure } from "./write-with-backpressure.js";

const cleanup: Array<() => void> = [];
afterEach(() => {
  for (const fn of cleanup.splice(0)) fn();
});

/** A real response to a raw client that reads nothing until told to. */
async function stalledClient(): Promise<{ res: ServerResponse; client: Socket }> {
  let handOver!: (res: ServerResponse) => void;
  const got = new Promise<ServerResponse>((r) => {
    handOver = r;
  });
  const server = createServer((_req, res) => handOver(res));
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const client = connect((server.address() as AddressInfo).port, "127.0.0.1");
  client.pause();
  client.write("GET / HTTP/1.1\r\nhost: x\r\n\r\n");
  cleanup.push(() => {
    client.destroy();
    server.closeAllConnections();
    server.close();
  });
  const res = await got;
  res.writeHead(200);
  return { res, client };
}

/** Whether `p` settles within `ms`. */
const settled = (p: Promise<void>, ms = 100) =>
  Promise.race([p.then(() => true), new Promise((r) => setTimeout(() => r(false), ms))]);

/**
 * Writes until even the kernel's buffers are full (a write whose drain does not come): the promise of that
 * write (boxed: an async function returning a promise would wait for it).
 */
async function fill(res: ServerResponse): Promise<{ wait: Promise<void> }> {
  const chunk = Buffer.alloc(256 * 1024, 120);
  for (let i = 0; i < 2_000; i++) {
    const wait = writeWithBackpressure(res, chunk);
    if (wait !== undefined && !(await settled(wait, 50))) return { wait };
  }
  throw new Error("the buffer never filled");
}

describe("writeWithBackpressure", () => {
  it("returns nothing to wait for while the socket takes the data", async () => {
    const { res } = await stalledClient();
    expect(writeWithBackpressure(res, "small")).toBeUndefined();
  });

  it("waits while the client reads nothing, until it drains", async () => {
    const { res, client } = await stalledClient();
    const { wait } = await fill(res);
    expect(await settled(wait)).toBe(false);
    client.resume();
    expect(await settled(wait, 2_000)).toBe(true);
  });

  it("stops waiting when the client goes away, and then writes nothing", async () => {
    const { res, client } = await stalledClient();
    const { wait } = await fill(res);
    client.destroy();
    expect(await settled(wait, 2_000)).toBe(true);
    expect(writeWithBackpressure(res, "late")).toBeUndefined();
    expect(res.destroyed).toBe(true);
  });
});

import { setTimeout as sleep } from "node:timers/promises";
import { GatewayError } from "@gatehouse/protocol";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ClientGone } from "./client-gone.js";
import { readBody } from "./read-body.js";
import {
  type BodyResult,
  type BodyServer,
  CHUNKED_HEAD,
  chunk,
  lengthHead,
  startBodyServer,
} from "./testing/start-body-server.js";

const LIMIT = 64;
let server: BodyServer;

beforeAll(async () => {
  server = await startBodyServer((req) => readBody(req, LIMIT));
});
afterAll(() => server.close());

/** The next read's result, or "pending" when it has not ended within `ms`. */
function settled(ms = 1_000): Promise<BodyResult | "pending"> {
  return server.next(ms);
}

function bytes(n: number, seed = 7): Buffer {
  return Buffer.from(Array.from({ length: n }, (_, i) => (i * 31 + seed) % 256));
}

function expectTooLarge(r: BodyResult | "pending") {
  expect(r).not.toBe("pending");
  const error = (r as { error: unknown }).error;
  expect(error).toBeInstanceOf(GatewayError);
  expect((error as GatewayError).code).toBe("payload_too_large");
  expect((error as GatewayError).status).toBe(413);
}

describe("readBody: limits", () => {
  it("refuses a declared length over the limit before a body byte arrives", async () => {
    const socket = await server.open(lengthHead(LIMIT + 1)); // the head only: no body is ever sent
    expectTooLarge(await settled());
    socket.destroy();
  });

  it("refuses a chunked body as soon as it passes the limit, without waiting for its end", async () => {
    const socket = await server.open(CHUNKED_HEAD);
    socket.write(chunk(bytes(LIMIT - 4)));
    expect(await settled(100)).toBe("pending"); // under the limit: still reading
    socket.write(chunk(bytes(5))); // one past it; the body's last chunk is never sent
    expectTooLarge(await settled());
    socket.destroy();
  });

  it("reads a body of exactly the limit, declared or chunked", async () => {
    const body = bytes(LIMIT);
    const a = await server.open(lengthHead(LIMIT));
    a.write(body);
    expect(await settled()).toEqual({ body });
    const b = await server.open(CHUNKED_HEAD);
    b.write(Buffer.concat([chunk(body.subarray(0, 10)), chunk(body.subarray(10)), chunk(Buffer.alloc(0))]));
    expect(await settled()).toEqual({ body });
    a.destroy();
    b.destroy();
  });
});

describe("readBody: short bodies and clients gone", () => {
  it("a body shorter than declared, then the client gone, is ClientGone", async () => {
    const socket = await server.open(lengthHead(40));
    socket.write(bytes(10));
    expect(await settled(100)).toBe("pending");
    socket.destroy();
    const r = await settled();
    expect((r as { error: unknown }).error).toBeInstanceOf(ClientGone);
  });

  it("a chunked body cut mid-way is ClientGone", async () => {
    const socket = await server.open(CHUNKED_HEAD);
    socket.write(chunk(bytes(8)));
    await sleep(20);
    socket.destroy();
    const r = await settled();
    expect((r as { error: unknown }).error).toBeInstanceOf(ClientGone);
  });
});

describe("readBody: empty bodies", () => {
  it("reads an empty body declared as such, chunked, or not announced at all", async () => {
    const heads = [
      lengthHead(0),
      `${CHUNKED_HEAD}0\r\n\r\n`,
      "POST /v1/x HTTP/1.1\r\nhost: t\r\n\r\n", // neither header: no body (RFC 9112 §6.3)
    ];
    for (const head of heads) {
      const socket = await server.open(head);
      const r = await settled();
      expect(r).not.toBe("pending");
      expect((r as { body: Buffer }).body.length).toBe(0);
      socket.destroy();
    }
  });
});

/** Sends `body` split at `cuts`, declared or chunked; resolves with the server's read. */
async function sendSplit(body: Buffer, cuts: number[], chunked: boolean): Promise<BodyResult | "pending"> {
  const points = [...new Set(cuts.map((c) => c % (body.length + 1)))].sort((a, b) => a - b);
  const pieces: Buffer[] = [];
  let at = 0;
  for (const p of [...points, body.length]) {
    pieces.push(body.subarray(at, p));
    at = p;
  }
  const socket = await server.open(chunked ? CHUNKED_HEAD : lengthHead(body.length));
  for (const piece of pieces) {
    if (chunked && piece.length === 0) continue; // an empty chunk would end the body
    socket.write(chunked ? chunk(piece) : piece);
    await new Promise((r) => setImmediate(r));
  }
  if (chunked) socket.write(chunk(Buffer.alloc(0)));
  const r = await server.next();
  socket.destroy();
  return r;
}

describe("readBody: properties", () => {
  it("any split of a body into chunks reads back the same bytes", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.uint8Array({ maxLength: LIMIT }),
        fc.array(fc.nat(), { maxLength: 8 }),
        fc.boolean(),
        async (raw, cuts, chunked) => {
          const body = Buffer.from(raw);
          const r = await sendSplit(body, cuts, chunked);
          expect(r).toEqual({ body });
        },
      ),
      { numRuns: 60 },
    );
  });

  it("a body is read whole exactly when it fits the limit, else refused with 413", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 0, max: LIMIT * 2 }),
        fc.array(fc.nat(), { maxLength: 4 }),
        fc.boolean(),
        async (size, cuts, chunked) => {
          const body = bytes(size, size);
          const r = await sendSplit(body, cuts, chunked);
          if (size <= LIMIT) expect(r).toEqual({ body });
          else expectTooLarge(r);
        },
      ),
      { numRuns: 60 },
    );
  });
});

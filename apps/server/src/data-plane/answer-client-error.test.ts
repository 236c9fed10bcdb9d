import { createServer } from "node:http";
import { type AddressInfo, connect, createServer as createNetServer, type Socket } from "node:net";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { answerClientError, clientErrorOf } from "./answer-client-error.js";

// Node's own parse errors, answered as Gatehouse answers everything else: JSON, in the path's surface.
const server = createServer({ maxHeaderSize: 2048 }, (_req, res) => res.end("handled"));
server.on("clientError", answerClientError);
let port: number;

beforeAll(async () => {
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  port = (server.address() as AddressInfo).port;
});
afterAll(
  () =>
    new Promise<void>((r) => {
      server.closeAllConnections();
      server.close(() => r());
    }),
);

/** Sends raw bytes; resolves with everything the server wrote before it closed the connection. */
function raw(bytes: Buffer | string): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, "127.0.0.1", () => socket.end(bytes));
    let text = "";
    socket.setEncoding("latin1");
    socket.on("data", (d: string) => {
      text += d;
    });
    socket.on("close", () => resolve(text));
    socket.on("error", (err: NodeJS.ErrnoException) =>
      err.code === "ECONNRESET" ? resolve(text) : reject(err),
    );
  });
}

function parse(answer: string): { status: number; headers: string; body: unknown } {
  const [head, body] = answer.split("\r\n\r\n", 2) as [string, string];
  return { status: Number(head.split(" ")[1]), headers: head.toLowerCase(), body: JSON.parse(body) };
}

describe("answerClientError", () => {
  it("answers bad header bytes 400 in the shape of the path's surface, then closes", async () => {
    const openai = parse(await raw("POST /v1/chat/completions HTTP/1.1\r\nhost: x\r\nbad header\r\n\r\n"));
    expect(openai.status).toBe(400);
    expect(openai.headers).toContain("connection: close");
    expect(openai.body).toMatchObject({ error: { code: "invalid_request" } });
    const anthropic = parse(await raw("POST /v1/messages HTTP/1.1\r\nhost: x\r\nbad header\r\n\r\n"));
    expect(anthropic.body).toMatchObject({ type: "error", error: { type: "invalid_request_error" } });
    const gemini = parse(await raw("POST /v1beta/models/g:generateContent HTTP/1.1\r\nbad header\r\n\r\n"));
    expect(gemini.body).toMatchObject({ error: { code: 400, status: "INVALID_ARGUMENT" } });
  });

  it("answers oversized headers 431, and bytes that are no request line in the generic shape", async () => {
    const big = parse(await raw(`GET /v1/models HTTP/1.1\r\nx-big: ${"a".repeat(4096)}\r\n\r\n`));
    expect(big.status).toBe(431);
    expect(big.headers).toMatch(/^http\/1\.1 431 request header fields too large/);
    const junk = parse(await raw("\x00\x01 not http\r\n\r\n"));
    expect(junk.status).toBe(400);
    expect(junk.body).toEqual({
      error: { code: "invalid_request", message: expect.stringContaining("not valid HTTP") },
    });
  });

  it("writes nothing to a socket that can no longer take it, and lets it go", async () => {
    const peer = createNetServer();
    await new Promise<void>((r) => peer.listen(0, "127.0.0.1", r));
    const accepted = new Promise<Socket>((r) => peer.once("connection", r));
    const client = connect((peer.address() as AddressInfo).port, "127.0.0.1");
    let received = "";
    client.on("data", (d) => {
      received += String(d);
    });
    const socket = await accepted;
    socket.end(); // our side is finished: not writable any more
    const failures: unknown[] = [];
    socket.on("error", (err) => failures.push(err)); // a write after the end would fail here
    answerClientError(Object.assign(new Error("bad"), { code: "HPE_INVALID_METHOD" }), socket);
    expect(socket.destroyed).toBe(true);
    await new Promise((r) => client.on("close", r));
    expect(received).toBe("");
    expect(failures).toEqual([]);
    peer.close();
  });

  it("maps Node's codes: header overflow 431, request timeout 408, the rest 400 naming the code", () => {
    expect(clientErrorOf({ code: "HPE_HEADER_OVERFLOW" }).status).toBe(431);
    expect(clientErrorOf({ code: "ERR_HTTP_REQUEST_TIMEOUT" }).status).toBe(408);
    const other = clientErrorOf({ code: "HPE_INVALID_METHOD" });
    expect([other.status, other.code]).toEqual([400, "invalid_request"]);
    expect(other.message).toContain("HPE_INVALID_METHOD");
    expect(clientErrorOf({}).message).toContain("parse error");
  });

  it("for any bytes: the handler's answer, a 4xx in JSON, or nothing — and the server lives on", async () => {
    const requestish = fc
      .tuple(
        fc.constantFrom("GET", "POST", "P\x00T", ""),
        fc.constantFrom("/v1/chat/completions", "/v1/messages", "/v1beta/x", "/", "x"),
        fc.string({ unit: "binary", maxLength: 200 }),
      )
      // With a Host: Node answers an HTTP/1.1 request without one itself, before any clientError (see
      // the report: a bare 400 with an empty body).
      .map(([m, p, rest]) => `${m} ${p} HTTP/1.1\r\nhost: x\r\n${rest}\r\n\r\n`);
    await fc.assert(
      fc.asyncProperty(fc.oneof(requestish, fc.string({ unit: "binary", maxLength: 300 })), async (bytes) => {
        const answer = await raw(Buffer.from(bytes, "latin1"));
        if (answer === "" || answer.includes("handled")) return;
        const { status, body } = parse(answer);
        expect(status).toBeGreaterThanOrEqual(400);
        expect(status).toBeLessThan(500);
        expect(body).toBeTypeOf("object");
      }),
      { numRuns: 80 },
    );
    expect((await raw("GET / HTTP/1.1\r\nhost: x\r\nconnection: close\r\n\r\n")).endsWith("handled")).toBe(
      true,
    );
  });
});

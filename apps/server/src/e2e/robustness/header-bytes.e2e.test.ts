import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestGateway, type TestGateway } from "../../testing/start-test-gateway.js";
import { SURFACES, type SurfaceName } from "../routing/surface-client.js";
import { openRaw, rawRequest } from "./raw-http.js";
import { surfaceErrorMessage } from "./surface-error-message.js";
import { CHAT_PATHS, keyHeader } from "./surface-heads.js";

let gw: TestGateway;

beforeAll(async () => {
  gw = await startTestGateway();
});
afterAll(async () => {
  await gw?.close();
});

/** A head on the surface's path with a valid key, the given header lines (raw, CRLF added) and `tail` after it. */
function head(surface: SurfaceName, lines: string[], tail = "", requestLine?: string): Buffer {
  const key = Object.entries(keyHeader(surface, gw.key)).map(([k, v]) => `${k}: ${v}`);
  const all = [requestLine ?? `POST ${CHAT_PATHS[surface]} HTTP/1.1`, "host: 127.0.0.1", ...key, ...lines];
  return Buffer.from(`${all.join("\r\n")}\r\n\r\n${tail}`, "latin1");
}

// Requests Node's HTTP parser refuses (llhttp), each as bytes on the wire.
// @see https://github.com/nodejs/llhttp/blob/main/src/llhttp/errors.ts
const REFUSED: Array<[string, number, (s: SurfaceName) => Buffer]> = [
  ["a control byte in a header value", 400, (s) => head(s, ["x-note: a\x01b", "content-length: 0"])],
  ["a NUL in a header value", 400, (s) => head(s, ["x-note: a\x00b", "content-length: 0"])],
  ["a space in a header name", 400, (s) => head(s, ["bad header: x", "content-length: 0"])],
  ["a space before the colon", 400, (s) => head(s, ["x-note : x", "content-length: 0"])],
  ["a bare LF inside a header line", 400, (s) => head(s, ["x-note: a\nb", "content-length: 0"])],
  ["a bare CR inside a header line", 400, (s) => head(s, ["x-note: a\rb", "content-length: 0"])],
  ["a folded header line", 400, (s) => head(s, ["x-note: a", " b", "content-length: 0"])],
  ["a content-length that is not a number", 400, (s) => head(s, ["content-length: abc"])],
  ["two different content-lengths", 400, (s) => head(s, ["content-length: 5", "content-length: 6"])],
  [
    "content-length with transfer-encoding",
    400,
    (s) => head(s, ["content-length: 5", "transfer-encoding: chunked"]),
  ],
  ["an unknown transfer-encoding", 400, (s) => head(s, ["transfer-encoding: gzip"])],
  [
    "a bad chunk size after the headers were accepted",
    400,
    (s) => head(s, ["content-type: application/json", "transfer-encoding: chunked"], "zz\r\n{}\r\n0\r\n\r\n"),
  ],
  ["a control byte in the request target", 400, (s) => head(s, [], "", `POST ${CHAT_PATHS[s]}\x01 HTTP/1.1`)],
  ["a lower-case method", 400, (s) => head(s, [], "", `post ${CHAT_PATHS[s]} HTTP/1.1`)],
  ["an unknown HTTP version", 400, (s) => head(s, [], "", `POST ${CHAT_PATHS[s]} HTTP/9.9`)],
  ["one header over 16 KiB", 431, (s) => head(s, [`x-big: ${"a".repeat(20_000)}`, "content-length: 0"])],
  [
    "3,000 small headers",
    431,
    (s) => head(s, [...Array.from({ length: 3000 }, (_, i) => `x-h${i}: v`), "content-length: 0"]),
  ],
];

describe.each(SURFACES)("%s path", (surface) => {
  it.each(REFUSED)("%s → %i JSON in the surface's shape, then close", async (_, status, bytes) => {
    const res = await rawRequest(gw.url, bytes(surface));
    expect(res.status, res.body).toBe(status);
    expect(res.headers["content-type"]).toBe("application/json");
    expect(surfaceErrorMessage(surface, res.body), res.body).toBeDefined();
    expect(res.headers.connection).toBe("close");
    expect(res.closedMs).toBeDefined();
  });

  it("an HTTP/1.1 request without Host → 400 JSON in the surface's shape (not Node's bodiless 400)", async () => {
    const key = Object.entries(keyHeader(surface, gw.key)).map(([k, v]) => `${k}: ${v}\r\n`);
    const res = await rawRequest(
      gw.url,
      `POST ${CHAT_PATHS[surface]} HTTP/1.1\r\n${key.join("")}content-length: 0\r\n\r\n`,
    );
    expect(res.status, res.body).toBe(400);
    expect(surfaceErrorMessage(surface, res.body), res.body).toMatch(/Host/);
  });

  it("bytes Node lets through (high bytes in the key header) reach the pipeline: 401 JSON", async () => {
    const name = Object.keys(keyHeader(surface, "k"))[0]!;
    const res = await rawRequest(
      gw.url,
      Buffer.from(
        `POST ${CHAT_PATHS[surface]} HTTP/1.1\r\nhost: x\r\n${name}: gh_\xff\xfe\x80\r\ncontent-length: 0\r\n\r\n`,
        "latin1",
      ),
    );
    expect(res.status, res.body).toBe(401);
    expect(surfaceErrorMessage(surface, res.body), res.body).toBeDefined();
  });

  // KNOWN GAP (reported): Node hands the client-error handler only the TCP segment it failed in
  // (err.rawPacket). When the request line came in an earlier segment — any head over one MSS on a real
  // network, so nearly every 431 — the path is unknown and the answer takes the generic shape. Still JSON.
  it.fails("a bad header in a later TCP segment than the request line → the surface's shape", async () => {
    const c = await openRaw(gw.url, `POST ${CHAT_PATHS[surface]} HTTP/1.1\r\nhost: x\r\n`);
    try {
      await new Promise((r) => setTimeout(r, 50));
      await c.write(Buffer.from("x-note: a\x01b\r\n\r\n", "latin1"));
      const res = await c.responseWithin(2_000);
      expect([res.status, res.headers["content-type"]]).toEqual([400, "application/json"]);
      expect(surfaceErrorMessage(surface, res.body), res.body).toBeDefined();
    } finally {
      c.destroy();
    }
  });
});

describe("a request line with no path", () => {
  it.each([
    ["garbage", "GARBAGE\r\n\r\n"],
    ["a bare method", "POST\r\n\r\n"],
    ["random bytes", "\x16\x03\x01\x02\x00\x01\x00\x01\xfc\x03\x03\r\n\r\n"],
  ])("%s → 400 in the generic JSON shape, then close", async (_, bytes) => {
    const res = await rawRequest(gw.url, Buffer.from(bytes, "latin1"));
    expect(res.status).toBe(400);
    expect(res.headers["content-type"]).toBe("application/json");
    const body = JSON.parse(res.body) as { error: { code: string; message: string } };
    expect(body.error.code).toBe("invalid_request");
    expect(res.closedMs).toBeDefined();
  });
});

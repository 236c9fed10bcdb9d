import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { generateApiKey } from "../../auth/api-key-format.js";
import { startTestGateway, type TestGateway } from "../../testing/start-test-gateway.js";
import { isSurfaceError, SURFACES, type SurfaceName } from "../routing/surface-client.js";
import { openRaw, type RawConnection, rawRequest } from "./raw-http.js";
import { CHAT_PATHS, keyHeader, requestHead } from "./surface-heads.js";

// The default body limit: a declared 10 MiB body is within it, so only authentication can refuse it.
const LIMIT = 10 * 1024 * 1024;
/** "At once": a gateway that waited for the withheld body would never answer at all. */
const AT_ONCE_MS = 1_000;

let gw: TestGateway;

beforeAll(async () => {
  gw = await startTestGateway();
});
afterAll(async () => {
  await gw?.close();
});

/** The pipeline reads and discards an unwanted body for up to 1 s before hanging up (lingerUnreadBody). */
const LINGER_MS = 3_000;

const WRONG_KEYS: Array<[string, (s: SurfaceName) => Record<string, string>]> = [
  ["a well-formed unknown gh_ key", (s) => keyHeader(s, generateApiKey())],
  ["a malformed key", (s) => keyHeader(s, "gh_not-a-key")],
  ["no key", () => ({})],
];

function head(surface: SurfaceName, auth: Record<string, string>, extra: Record<string, string>): string {
  return requestHead("POST", CHAT_PATHS[surface], { "content-type": "application/json", ...auth, ...extra });
}

describe.each(SURFACES)("%s surface: refused before the body", (surface) => {
  it.each(WRONG_KEYS)(
    "%s with a 10 MiB body declared and none sent → 401 at once, then close",
    async (_, auth) => {
      const res = await rawRequest(
        gw.url,
        head(surface, auth(surface), { "content-length": String(LIMIT) }),
        {
          closeWithinMs: LINGER_MS,
        },
      );
      expect(res.status).toBe(401);
      expect(res.ms).toBeLessThan(AT_ONCE_MS);
      expect(isSurfaceError(surface, res.body), res.body).toBe(true);
      // The server hangs up, after a short linger, instead of waiting for (or reading) 10 MiB nobody wants.
      expect(res.closedMs).toBeDefined();
    },
  );

  it("a valid key with a content-length over the limit → 413 at once, then close", async () => {
    const res = await rawRequest(
      gw.url,
      head(surface, keyHeader(surface, gw.key), { "content-length": String(LIMIT + 1) }),
      { closeWithinMs: LINGER_MS },
    );
    expect(res.status).toBe(413);
    expect(res.ms).toBeLessThan(AT_ONCE_MS);
    expect(isSurfaceError(surface, res.body), res.body).toBe(true);
    expect(res.closedMs).toBeDefined();
  });

  it("a valid key with a chunked body: no answer at the limit, 413 as soon as one byte passes it", async () => {
    const c = await openRaw(
      gw.url,
      head(surface, keyHeader(surface, gw.key), { "transfer-encoding": "chunked" }),
    );
    try {
      await writeChunked(c, LIMIT);
      // Exactly the limit is allowed: the gateway must still be waiting for the rest.
      await new Promise((r) => setTimeout(r, 300));
      expect(c.answered()).toBe(false);
      const passed = Date.now();
      await c.write("1\r\n{\r\n");
      const res = await c.responseWithin(AT_ONCE_MS);
      expect(res.status).toBe(413);
      expect(Date.now() - passed).toBeLessThan(AT_ONCE_MS);
      expect(isSurfaceError(surface, res.body), res.body).toBe(true);
    } finally {
      c.destroy();
    }
  });
});

/** Writes `total` body bytes as 64 KiB chunks of the chunked encoding, without the final chunk. */
async function writeChunked(c: RawConnection, total: number): Promise<void> {
  const piece = Buffer.alloc(64 * 1024, 0x20);
  for (let sent = 0; sent < total; sent += piece.length) {
    const n = Math.min(piece.length, total - sent);
    const ok = await c.write(
      Buffer.concat([Buffer.from(`${n.toString(16)}\r\n`), piece.subarray(0, n), Buffer.from("\r\n")]),
    );
    expect(ok).toBe(true);
  }
}

describe("memory under wrong-key uploads (measured, not asserted)", () => {
  it("50 concurrent 9 MB bodies with a wrong key: every one gets its 401; RSS growth is reported", async () => {
    const body = Buffer.alloc(9 * 1024 * 1024, 0x61); // one buffer, shared by every connection
    const before = process.memoryUsage().rss;
    let peak = before;
    const sampler = setInterval(() => {
      peak = Math.max(peak, process.memoryUsage().rss);
    }, 5);
    try {
      const statuses = await Promise.all(
        Array.from({ length: 50 }, async (_, i) => {
          const surface = SURFACES[i % SURFACES.length]!;
          const c = await openRaw(
            gw.url,
            head(surface, keyHeader(surface, generateApiKey()), { "content-length": String(body.length) }),
          );
          void c.write(body);
          const res = await c.responseWithin(10_000);
          await Promise.race([c.closed, new Promise((r) => setTimeout(r, 2_000))]);
          c.destroy();
          return res.status;
        }),
      );
      expect(statuses).toEqual(Array(50).fill(401));
    } finally {
      clearInterval(sampler);
    }
    const growthMb = (peak - before) / 1024 / 1024;
    console.log(
      `[robustness] RSS: ${(before / 1024 / 1024).toFixed(1)} MB before, peak +${growthMb.toFixed(1)} MB during 50 × 9 MB wrong-key uploads (client and gateway in one process; the shared 9 MB client buffer was allocated before the baseline)`,
    );
  });
});

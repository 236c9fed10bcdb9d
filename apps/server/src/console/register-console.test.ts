import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { brotliDecompressSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestGateway, type TestGateway } from "../testing/start-test-gateway.js";
import { loadConsoleAssets } from "./console-assets.js";

const INDEX = `<!doctype html><html><head><title>Gatehouse</title></head><body><div id="root"></div>${" ".repeat(600)}</body></html>`;
const SCRIPT = `console.log("gatehouse console");${"/* padding */".repeat(100)}`;
let dir: string;
let gw: TestGateway;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "gh-console-"));
  mkdirSync(join(dir, "assets"));
  writeFileSync(join(dir, "index.html"), INDEX);
  writeFileSync(join(dir, "assets", "index-abc123.js"), SCRIPT);
  writeFileSync(join(dir, "favicon.svg"), "<svg/>");
  writeFileSync(join(dir, "manifest.webmanifest"), '{"name":"Gatehouse"}');
  writeFileSync(join(dir, "sw.js"), "self.addEventListener('fetch', () => {});");
  gw = await startTestGateway({ console: loadConsoleAssets(dir)! });
});
afterAll(async () => {
  await gw?.close();
  rmSync(dir, { recursive: true, force: true });
});

const html = { accept: "text/html,application/xhtml+xml" };

describe("the web console, served by the server", () => {
  it("answers its page at / and at any page path a browser opens, with a strict CSP and no caching", async () => {
    for (const path of ["/", "/t/abc/logs?model=gpt-4o&status=error", "/sign-in"]) {
      const res = await fetch(`${gw.url}${path}`, { headers: html });
      expect(res.status, path).toBe(200);
      expect(res.headers.get("content-type")).toBe("text/html; charset=utf-8");
      expect(res.headers.get("content-security-policy")).toContain("frame-ancestors 'none'");
      expect(res.headers.get("x-frame-options")).toBe("DENY");
      expect(res.headers.get("cache-control")).toBe("no-cache");
      expect(await res.text()).toBe(INDEX);
      expect(res.headers.get("x-robots-tag")).toBeNull();
    }
  });

  it("asks robots not to index a share link's page", async () => {
    const res = await fetch(`${gw.url}/share/abcdefghijklmnopqrstuvwxyz012345`, { headers: html });
    expect(res.status).toBe(200);
    expect(res.headers.get("x-robots-tag")).toBe("noindex, nofollow");
    expect(await res.text()).toBe(INDEX);
  });

  it("serves hashed assets compressed and cached for a year, and answers 304 to a matching ETag", async () => {
    const res = await fetch(`${gw.url}/assets/index-abc123.js`, { headers: { "accept-encoding": "br" } });
    expect(res.status).toBe(200);
    expect(res.headers.get("cache-control")).toBe("public, max-age=31536000, immutable");
    expect(await res.text()).toBe(SCRIPT); // fetch decodes br
    const raw = await new Promise<{ encoding: string | undefined; body: Buffer }>((resolve, reject) => {
      import("node:http").then(({ get }) =>
        get(`${gw.url}/assets/index-abc123.js`, { headers: { "accept-encoding": "br" } }, (r) => {
          const chunks: Buffer[] = [];
          r.on("data", (c: Buffer) => chunks.push(c));
          r.on("end", () =>
            resolve({ encoding: r.headers["content-encoding"], body: Buffer.concat(chunks) }),
          );
        }).on("error", reject),
      );
    });
    expect(raw.encoding).toBe("br");
    expect(brotliDecompressSync(raw.body).toString()).toBe(SCRIPT);
    const etag = res.headers.get("etag")!;
    const again = await fetch(`${gw.url}/assets/index-abc123.js`, { headers: { "if-none-match": etag } });
    expect(again.status).toBe(304);
    expect((await fetch(`${gw.url}/favicon.svg`)).headers.get("content-type")).toBe("image/svg+xml");
  });

  it("serves the installable app's manifest and service worker, never cached long", async () => {
    const manifest = await fetch(`${gw.url}/manifest.webmanifest`);
    expect(manifest.headers.get("content-type")).toBe("application/manifest+json");
    expect(await manifest.json()).toEqual({ name: "Gatehouse" });
    const worker = await fetch(`${gw.url}/sw.js`);
    expect(worker.headers.get("content-type")).toBe("text/javascript; charset=utf-8");
    expect(worker.headers.get("cache-control")).toBe("no-cache");
  });

  it("keeps the APIs' JSON 404s, and a missing asset is a 404, never the page", async () => {
    for (const path of ["/api/nope", "/v1/nope", "/assets/missing.js", "/healthz/x"]) {
      const res = await fetch(`${gw.url}${path}`, { headers: html });
      expect(res.status, path).toBe(404);
      expect(res.headers.get("content-type"), path).toContain("application/json");
    }
    // A client that does not ask for HTML (curl, an SDK) gets the JSON 404 too.
    expect((await fetch(`${gw.url}/t/abc/logs`)).status).toBe(404);
    expect((await fetch(`${gw.url}/t/abc`, { method: "POST", headers: html })).status).toBe(404);
  });

  it("is absent when the console was not built", () => {
    const empty = mkdtempSync(join(tmpdir(), "gh-console-empty-"));
    try {
      expect(loadConsoleAssets(empty)).toBeUndefined();
    } finally {
      rmSync(empty, { recursive: true, force: true });
    }
  });
});

// The Node floor: a bare pass-through reverse proxy, node:http in front of one undici Pool.
// No auth, no parsing, no logging: what any Node gateway costs at the very least for one hop.
// Run: node bench/bare-proxy.mjs PORT UPSTREAM_ORIGIN
import { once } from "node:events";
import { createServer } from "node:http";
import { Pool } from "undici";

// Hop-by-hop headers (RFC 9110 §7.6.1) are not forwarded; host is set by the Pool.
const HOP_BY_HOP = new Set([
  "connection",
  "keep-alive",
  "proxy-connection",
  "transfer-encoding",
  "upgrade",
  "te",
  "trailer",
  "host",
]);

async function readBody(req) {
  const parts = [];
  for await (const part of req) parts.push(part);
  return Buffer.concat(parts);
}

function forwardable(headers) {
  const out = {};
  for (const [name, value] of Object.entries(headers)) {
    if (!HOP_BY_HOP.has(name) && value !== undefined) out[name] = value;
  }
  return out;
}

/**
 * Creates the bare proxy server (not yet listening) forwarding every request to `upstreamOrigin`.
 *
 * @example
 * createBareProxy("http://127.0.0.1:9000").listen(9001, "127.0.0.1");
 */
export function createBareProxy(upstreamOrigin) {
  const pool = new Pool(upstreamOrigin, { connections: 2048, pipelining: 1, keepAliveTimeout: 60_000 });
  return createServer({ keepAliveTimeout: 120_000 }, async (req, res) => {
    try {
      // Chat requests are small: a buffered body costs less than streaming it through undici, and
      // async iteration with res.write costs about half of stream.pipeline (measured here: ~120–150
      // against ~270–300 µs per request), so the floor is not inflated by the plumbing chosen.
      const upstream = await pool.request({
        method: req.method,
        path: req.url,
        headers: forwardable(req.headers),
        body: req.method === "GET" || req.method === "HEAD" ? undefined : await readBody(req),
      });
      res.writeHead(upstream.statusCode, forwardable(upstream.headers));
      // Each upstream chunk is written as it arrives: SSE is flushed chunk by chunk.
      for await (const chunk of upstream.body) {
        if (res.destroyed) break;
        // A client that leaves while the proxy waits for drain must not hang the loop.
        if (!res.write(chunk)) await Promise.race([once(res, "drain"), once(res, "close")]);
      }
      res.end();
    } catch (error) {
      if (!res.headersSent) {
        res.writeHead(502, { "content-type": "application/json" });
        res.end(JSON.stringify({ error: { message: String(error.message), type: "bad_gateway" } }));
      } else {
        res.destroy();
      }
    }
  });
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const [port, origin] = [Number(process.argv[2] ?? 9001), process.argv[3] ?? "http://127.0.0.1:9000"];
  createBareProxy(origin).listen(port, "127.0.0.1", () => {
    process.stdout.write(`bare proxy listening on http://127.0.0.1:${port} -> ${origin}\n`);
  });
}

// A fast mock upstream on plain node:http: OpenAI chat completions and Anthropic messages, JSON and SSE.
// Run: node bench/mock-upstream.mjs PORT. The harness changes its behaviour between scenarios with
// PUT /__bench/config (JSON, merged into the current settings); POST /__bench/release ends held streams.
// Every path under FAILING_PREFIX answers 500 in OpenAI's error shape: a second, always-failing deployment
// on the same process (base URL `<origin>/fail-500/v1`), for the breaker scenario.
import { createServer } from "node:http";
import { setImmediate as nextTurn, setTimeout as sleep } from "node:timers/promises";
import {
  anthropicMessage,
  anthropicStream,
  filler,
  openaiCompletion,
  openaiServerError,
  openaiStream,
  stampedText,
} from "./mock-wire.mjs";

/** The path prefix of the always-failing upstream. */
export const FAILING_PREFIX = "/fail-500/";

/** Default settings; every one can be changed with PUT /__bench/config. */
export const DEFAULT_MOCK_CONFIG = {
  jsonBytes: 400, // text of a non-streaming answer
  chunks: 100, // content chunks per stream
  chunkBytes: 40, // text per content chunk (stamp included)
  intervalMs: 0, // pause between chunks; 0 = next turn of the event loop (one write per chunk)
  hold: false, // after the first content chunk, wait for POST /__bench/release (idle-stream scale point)
  holdMaxMs: 60_000, // a held stream ends by itself after this
};

async function readBody(req) {
  const parts = [];
  for await (const part of req) parts.push(part);
  return Buffer.concat(parts).toString("utf8");
}

/**
 * Creates the mock upstream server (not yet listening).
 *
 * @example
 * const server = createMockUpstream();
 * server.listen(9000, "127.0.0.1");
 */
export function createMockUpstream(initial = {}) {
  let config = { ...DEFAULT_MOCK_CONFIG, ...initial };
  const held = new Set();
  // cancelled: streams whose client (the proxy) went away before the end, e.g. after its own client left.
  const stats = { requests: 0, streams: 0, failed: 0, cancelled: 0 };
  const jsonCache = new Map();

  const cachedJson = (key, build) => {
    let body = jsonCache.get(key);
    if (body === undefined) {
      body = Buffer.from(build());
      jsonCache.set(key, body);
    }
    return body;
  };

  const waitForRelease = (res) =>
    new Promise((resolve) => {
      const release = () => {
        held.delete(release);
        clearTimeout(timer);
        resolve();
      };
      const timer = setTimeout(release, config.holdMaxMs);
      held.add(release);
      res.on("close", release);
    });

  const stream = async (res, wire) => {
    const settings = config;
    stats.streams += 1;
    res.writeHead(200, { "content-type": "text/event-stream", "cache-control": "no-cache" });
    res.write(wire.first());
    for (let i = 0; i < settings.chunks && !res.destroyed; i += 1) {
      res.write(wire.delta(stampedText(settings.chunkBytes)));
      if (settings.hold) {
        // The idle-stream scale point: one chunk through, then nothing until released; then end at once.
        await waitForRelease(res);
        break;
      }
      if (settings.intervalMs > 0) await sleep(settings.intervalMs);
      else await nextTurn();
    }
    if (res.destroyed) stats.cancelled += 1;
    else res.end(wire.last());
  };

  const answer = async (req, res, kind) => {
    let body;
    try {
      body = JSON.parse(await readBody(req));
    } catch {
      res.writeHead(400, { "content-type": "application/json" });
      res.end('{"error":{"message":"body is not JSON","type":"invalid_request_error"}}');
      return;
    }
    const model = String(body.model ?? "bench-model");
    if (body.stream === true) {
      const wire =
        kind === "openai"
          ? openaiStream(model, body.stream_options?.include_usage === true, config.chunks)
          : anthropicStream(model, config.chunks);
      await stream(res, wire);
      return;
    }
    const json = cachedJson(`${kind}:${model}`, () =>
      kind === "openai"
        ? openaiCompletion(model, filler(config.jsonBytes))
        : anthropicMessage(model, filler(config.jsonBytes)),
    );
    res.writeHead(200, { "content-type": "application/json", "content-length": json.length });
    res.end(json);
  };

  // Reads the whole body first, as a real upstream does before it fails, so the client sees a clean 500.
  const fail = async (req, res) => {
    await readBody(req);
    stats.failed += 1;
    const json = openaiServerError();
    res.writeHead(500, { "content-type": "application/json", "content-length": Buffer.byteLength(json) });
    res.end(json);
  };

  const control = async (req, res) => {
    if (req.method === "PUT" && req.url === "/__bench/config") {
      config = { ...config, ...JSON.parse(await readBody(req)) };
      jsonCache.clear();
    } else if (req.method === "POST" && req.url === "/__bench/release") {
      for (const release of [...held]) release();
    } else if (req.method !== "GET") {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { "content-type": "application/json" });
    res.end(JSON.stringify({ config, stats, held: held.size }));
  };

  return createServer({ keepAliveTimeout: 120_000 }, (req, res) => {
    const path = req.url.split("?")[0];
    if (path.startsWith("/__bench/")) {
      control(req, res).catch(() => res.destroy());
      return;
    }
    if (path.startsWith(FAILING_PREFIX)) {
      fail(req, res).catch(() => res.destroy());
      return;
    }
    stats.requests += 1;
    if (req.method === "POST" && path.endsWith("/chat/completions")) {
      answer(req, res, "openai").catch(() => res.destroy());
    } else if (req.method === "POST" && path.endsWith("/messages")) {
      answer(req, res, "anthropic").catch(() => res.destroy());
    } else {
      res.writeHead(404, { "content-type": "application/json" });
      res.end('{"error":{"message":"not found","type":"not_found_error"}}');
    }
  });
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const port = Number(process.argv[2] ?? 9000);
  createMockUpstream().listen(port, "127.0.0.1", () => {
    process.stdout.write(`mock upstream listening on http://127.0.0.1:${port}\n`);
  });
}

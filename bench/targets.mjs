// The targets measured side by side, in the order they run. Each `start` returns a handle:
// { child?, origin, path, model, headers?, conversion?: { model, headers }, warmupSec?, version?,
//   breaker?: { model, failingProvider, headers }, key? } (the last two: Gatehouse only).
// `direct` is the mock upstream itself: the client-side baseline for latency and streaming figures.
import { fileURLToPath } from "node:url";
import { startGatehouse } from "./gatehouse.mjs";
import { startNginx } from "./nginx.mjs";
import { startPortkey } from "./portkey.mjs";
import { waitForHttp } from "./wait-ready.mjs";

async function startDirect({ upstreamPort }) {
  return { origin: `http://127.0.0.1:${upstreamPort}`, path: "/v1/chat/completions", model: "bench-model" };
}

async function startBare({ children, workDir, port, upstreamPort, serverCore }) {
  const script = fileURLToPath(new URL("./bare-proxy.mjs", import.meta.url));
  const argv = [process.execPath, script, String(port), `http://127.0.0.1:${upstreamPort}`];
  const child = children.start("bare", argv, { core: serverCore, logFile: `${workDir}/bare.log` });
  await waitForHttp(`http://127.0.0.1:${port}/__bench/config`, { child, timeoutMs: 10_000 });
  return { child, origin: `http://127.0.0.1:${port}`, path: "/v1/chat/completions", model: "bench-model" };
}

/** Every target: its name (for --only), its label in the tables, and how to start it. */
export const TARGETS = [
  { name: "direct", label: "direct (no proxy)", start: startDirect },
  { name: "nginx", label: "nginx", start: startNginx, needs: "nginx" },
  { name: "bare", label: "bare Node proxy", start: startBare },
  { name: "portkey", label: "Portkey", start: startPortkey, needs: "portkey" },
  { name: "gatehouse", label: "Gatehouse", start: startGatehouse, needs: "gatehouse" },
];

/**
 * A target's label in the tables: Gatehouse's says when limits and budgets were on (`--limits`), so
 * rows of runs with and without them are never confused.
 *
 * @example
 * labelOf(TARGETS[4], { limits: "redis" }); // "Gatehouse (limits + budgets, redis)"
 */
export function labelOf(target, options) {
  return target.name === "gatehouse" && options.limits
    ? `${target.label} (limits + budgets, ${options.limits})`
    : target.label;
}

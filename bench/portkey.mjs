// The peer: the Portkey AI gateway (@portkey-ai/gateway from npm, installed in bench/peers), on Node,
// bound to 127.0.0.1 by a preload, routing to the mock upstream through its custom-host headers.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { waitForHttp } from "./wait-ready.mjs";

/** The installed Portkey version, or undefined. */
export function portkeyVersion(benchDir) {
  try {
    const file = join(benchDir, "peers/node_modules/@portkey-ai/gateway/package.json");
    return JSON.parse(readFileSync(file, "utf8")).version;
  } catch {
    return undefined;
  }
}

/**
 * Starts Portkey pinned to the server core and returns the target handle. Requests carry
 * `x-portkey-provider` and `x-portkey-custom-host`; with provider `anthropic` Portkey converts the
 * OpenAI request to Anthropic messages (its conversion path).
 */
export async function startPortkey({ children, benchDir, workDir, port, upstreamPort, serverCore }) {
  const peers = join(benchDir, "peers");
  const argv = [
    process.execPath,
    "--require",
    join(benchDir, "portkey-bind-loopback.cjs"),
    join(peers, "node_modules/@portkey-ai/gateway/build/start-server.js"),
    `--port=${port}`,
    "--headless",
  ];
  const child = children.start("portkey", argv, {
    core: serverCore,
    cwd: peers,
    logFile: join(workDir, "portkey.log"),
  });
  await waitForHttp(`http://127.0.0.1:${port}/`, { child, timeoutMs: 60_000 });
  const custom = `http://127.0.0.1:${upstreamPort}/v1`;
  return {
    child,
    origin: `http://127.0.0.1:${port}`,
    path: "/v1/chat/completions",
    model: "bench-model",
    headers: {
      authorization: "Bearer sk-bench-upstream",
      "x-portkey-provider": "openai",
      "x-portkey-custom-host": custom,
    },
    conversion: {
      model: "claude-bench",
      headers: {
        authorization: "Bearer sk-bench-upstream",
        "x-portkey-provider": "anthropic",
        "x-portkey-custom-host": custom,
      },
    },
    // Measured here: about 200 req/s in its first 5 s, steady after about 20 s of load.
    warmupSec: 20,
    version: portkeyVersion(benchDir),
  };
}

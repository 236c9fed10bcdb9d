// Closed-loop maximum throughput with wrk (one thread, a fixed number of keep-alive connections),
// driven by a generated Lua script that sets the method, headers and body.
import { spawn } from "node:child_process";
import { writeFileSync } from "node:fs";
import { join } from "node:path";

/** A wrk Lua script sending `method` with `headers` and `body` (ASCII; JSON string literals are Lua's). */
export function wrkScript({ method, headers, body }) {
  const lines = [`wrk.method = ${JSON.stringify(method)}`, `wrk.body = ${JSON.stringify(body)}`];
  for (const [name, value] of Object.entries({ "content-type": "application/json", ...headers })) {
    lines.push(`wrk.headers[${JSON.stringify(name)}] = ${JSON.stringify(value)}`);
  }
  return `${lines.join("\n")}\n`;
}

/** Reads requests, seconds, req/s, non-2xx and socket errors out of wrk's report. */
export function parseWrkOutput(text) {
  const done = /(\d+) requests in ([\d.]+)(m?s)/.exec(text);
  const sockets = /Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)/.exec(text);
  const non2xx = /Non-2xx or 3xx responses: (\d+)/.exec(text);
  const seconds = done ? Number(done[2]) / (done[3] === "ms" ? 1000 : 1) : Number.NaN;
  return {
    requests: done ? Number(done[1]) : 0,
    seconds,
    requestsPerSec: Number(/Requests\/sec:\s+([\d.]+)/.exec(text)?.[1] ?? Number.NaN),
    non2xx: non2xx ? Number(non2xx[1]) : 0,
    socketErrors: sockets ? sockets.slice(1).reduce((sum, n) => sum + Number(n), 0) : 0,
  };
}

/**
 * Runs wrk pinned to `core` against `url` for `durationSec` with `connections`, and returns its figures.
 *
 * @example
 * await runWrk({ url, method: "POST", headers, body, durationSec: 10, connections: 50, core: 1, workDir });
 */
export function runWrk({ url, method, headers, body, durationSec, connections, core, workDir }) {
  const script = join(workDir, "wrk.lua");
  writeFileSync(script, wrkScript({ method, headers, body }));
  const argv = [
    "-c",
    String(core),
    "wrk",
    "-t1",
    `-c${connections}`,
    `-d${durationSec}s`,
    "--timeout",
    "10s",
  ];
  return new Promise((resolve, reject) => {
    const child = spawn("taskset", [...argv, "-s", script, url], { stdio: ["ignore", "pipe", "pipe"] });
    let out = "";
    child.stdout.on("data", (data) => {
      out += data;
    });
    child.stderr.on("data", (data) => {
      out += data;
    });
    const timer = setTimeout(() => child.kill("SIGKILL"), (durationSec + 30) * 1000);
    const onExit = () => child.kill("SIGKILL");
    process.on("exit", onExit);
    child.on("exit", (code) => {
      clearTimeout(timer);
      process.off("exit", onExit);
      if (code === 0) resolve(parseWrkOutput(out));
      else reject(new Error(`wrk failed (${code}): ${out.trim().slice(-500)}`));
    });
  });
}

// Starts a load generator as its own process pinned to the load core, and returns its JSON result.
import { spawn } from "node:child_process";
import { fileURLToPath } from "node:url";

/**
 * Runs `bench/load/<name>.mjs` with `params` under `taskset -c core`, killed after `limitSec`.
 *
 * @example
 * const result = await runLoad("open-loop", { origin, path, rate: 100, durationSec: 10 }, { core: 1, limitSec: 60 });
 */
export function runLoad(name, params, { core, limitSec }) {
  const script = fileURLToPath(new URL(`./${name}.mjs`, import.meta.url));
  return new Promise((resolve, reject) => {
    const child = spawn("taskset", ["-c", String(core), process.execPath, script, JSON.stringify(params)], {
      stdio: ["ignore", "pipe", "pipe"],
    });
    let out = "";
    let err = "";
    child.stdout.on("data", (data) => {
      out += data;
    });
    child.stderr.on("data", (data) => {
      err += data;
    });
    const timer = setTimeout(() => child.kill("SIGKILL"), limitSec * 1000);
    // The harness's own exit must not leave a load generator behind.
    const onExit = () => child.kill("SIGKILL");
    process.on("exit", onExit);
    child.on("exit", (code, signal) => {
      clearTimeout(timer);
      process.off("exit", onExit);
      if (code === 0) {
        resolve(JSON.parse(out.trim().split("\n").pop()));
      } else {
        reject(new Error(`${name} failed (${signal ?? code}): ${err.trim().slice(-500)}`));
      }
    });
  });
}

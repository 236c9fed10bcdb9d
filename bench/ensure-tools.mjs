// Makes a fresh machine ready: nginx and wrk from Debian (apt, once), Portkey into bench/peers.
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { join } from "node:path";

function has(command) {
  return spawnSync("sh", ["-c", `command -v ${command}`], { stdio: "ignore" }).status === 0;
}

function run(argv, env = {}) {
  process.stdout.write(`bench: $ ${argv.join(" ")}\n`);
  const result = spawnSync(argv[0], argv.slice(1), {
    stdio: ["ignore", "inherit", "inherit"],
    env: { ...process.env, ...env },
  });
  return result.status === 0;
}

/** Installs nginx and wrk through apt when missing; returns which of them are usable afterwards. */
function ensureAptTools() {
  const missing = ["nginx", "wrk"].filter((tool) => !has(tool));
  if (missing.length > 0) {
    if (process.getuid?.() !== 0) {
      process.stdout.write(
        `bench: ${missing.join(", ")} missing and not root: apt-get install nginx-light wrk\n`,
      );
    } else {
      const env = { DEBIAN_FRONTEND: "noninteractive" };
      run(["apt-get", "update"], env);
      const wanted = missing.map((tool) => (tool === "nginx" ? "nginx-light" : tool));
      // Newer Debian releases dropped nginx-light: fall back to the plain package.
      if (!run(["apt-get", "install", "-y", "--no-install-recommends", ...wanted], env)) {
        run(["apt-get", "install", "-y", "--no-install-recommends", ...missing], env);
      }
    }
  }
  if (!has("taskset")) throw new Error("taskset (util-linux) is required");
  return { nginx: has("nginx"), wrk: has("wrk") };
}

/** Installs the peers (Portkey) into bench/peers when absent; returns whether Portkey is there. */
function ensurePeers(benchDir) {
  const peers = join(benchDir, "peers");
  const entry = join(peers, "node_modules/@portkey-ai/gateway/build/start-server.js");
  if (!existsSync(entry)) {
    run(["npm", "install", "--prefix", peers, "--no-audit", "--no-fund"]);
  }
  return existsSync(entry);
}

/**
 * Which of nginx, wrk and Portkey are usable, after installing the missing ones unless `install` is
 * false.
 *
 * @example
 * ensureTools(benchDir, true) // { nginx: true, wrk: true, portkey: true }
 */
export function ensureTools(benchDir, install) {
  if (!install) {
    const portkey = existsSync(
      join(benchDir, "peers/node_modules/@portkey-ai/gateway/build/start-server.js"),
    );
    return { nginx: has("nginx"), wrk: has("wrk"), portkey };
  }
  return { ...ensureAptTools(), portkey: ensurePeers(benchDir) };
}

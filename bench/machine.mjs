// The description of the machine and tools a results file was measured with.
import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { cpus, release, totalmem } from "node:os";
import { gatehouseCommit } from "./gatehouse.mjs";
import { portkeyVersion } from "./portkey.mjs";

function output(argv) {
  const result = spawnSync(argv[0], argv.slice(1), { encoding: "utf8" });
  if (result.error) return "not installed";
  return `${result.stdout}${result.stderr}`.trim().split("\n")[0];
}

function osName() {
  try {
    return /^PRETTY_NAME="?([^"\n]*)/m.exec(readFileSync("/etc/os-release", "utf8"))?.[1] ?? "unknown";
  } catch {
    return "unknown";
  }
}

/**
 * CPU model, cores, kernel, memory, OS and the versions of node, nginx, wrk, Portkey and Gatehouse.
 *
 * @example
 * describeMachine({ benchDir, repoRoot }).cpu // "AMD EPYC"
 */
export function describeMachine({ benchDir, repoRoot }) {
  return {
    cpu: cpus()[0]?.model ?? "unknown",
    cores: cpus().length,
    kernel: release(),
    memoryGiB: Math.round(totalmem() / 2 ** 30),
    os: osName(),
    node: process.version,
    nginx: output(["nginx", "-v"]).replace("nginx version: ", ""),
    wrk: output(["wrk", "-v"]).split(" [")[0],
    portkey: portkeyVersion(benchDir) ?? "not installed",
    gatehouse: gatehouseCommit(repoRoot),
  };
}

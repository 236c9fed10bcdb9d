// CPU time and memory of a server process, read from /proc (Linux).
// /proc/<pid>/stat of a thread-group leader sums every thread (libuv pool, GC helpers included).
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";

/** Clock ticks per second of utime/stime (`getconf CLK_TCK`, 100 on nearly every Linux). */
export function clockTicksPerSecond() {
  try {
    return Number(execFileSync("getconf", ["CLK_TCK"], { encoding: "utf8" }).trim()) || 100;
  } catch {
    return 100;
  }
}

/**
 * utime + stime of `pid` in microseconds; with `withChildren`, plus cutime + cstime (children it
 * has waited for).
 */
export function readCpuMicros(pid, ticksPerSecond = 100, { withChildren = false } = {}) {
  const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
  // Fields after the command name (which may hold spaces) start at field 3; utime..cstime are 14..17.
  const fields = stat
    .slice(stat.lastIndexOf(")") + 2)
    .split(" ")
    .map(Number);
  const ticks = fields[11] + fields[12] + (withChildren ? fields[13] + fields[14] : 0);
  return (ticks * 1_000_000) / ticksPerSecond;
}

/** CPU time spent by the whole machine (all cores, every process) in microseconds: busy and total. */
export function readMachineCpuMicros(ticksPerSecond = 100) {
  const line = readFileSync("/proc/stat", "utf8").split("\n")[0];
  const [user, nice, system, idle, iowait, irq, softirq, steal] = line
    .trim()
    .split(/\s+/)
    .slice(1)
    .map(Number);
  const busy = user + nice + system + irq + softirq + steal;
  return { busy: (busy * 1e6) / ticksPerSecond, total: ((busy + idle + iowait) * 1e6) / ticksPerSecond };
}

/** VmRSS and VmHWM (peak RSS) of `pid` in bytes. */
export function readMemory(pid) {
  const status = readFileSync(`/proc/${pid}/status`, "utf8");
  const kb = (name) => Number(new RegExp(`^${name}:\\s+(\\d+) kB`, "m").exec(status)?.[1] ?? Number.NaN);
  return { rss: kb("VmRSS") * 1024, hwm: kb("VmHWM") * 1024 };
}

/**
 * Polls VmRSS of `pid` every `everyMs` and keeps the highest value seen (a check on VmHWM).
 *
 * @example
 * const sampler = sampleRss(pid); ...; const peak = sampler.stop();
 */
export function sampleRss(pid, everyMs = 200) {
  let peak = 0;
  const poll = () => {
    try {
      peak = Math.max(peak, readMemory(pid).rss);
    } catch {
      // process gone: keep what we saw
    }
  };
  poll();
  const timer = setInterval(poll, everyMs);
  return {
    stop() {
      clearInterval(timer);
      poll();
      return peak;
    },
  };
}

/**
 * Measures the CPU a server spends while `work` runs: returns `work`'s result and the CPU µs used.
 */
export async function measureCpu(pid, ticksPerSecond, work) {
  const before = readCpuMicros(pid, ticksPerSecond);
  const result = await work();
  const after = readCpuMicros(pid, ticksPerSecond);
  return { result, cpuMicros: after - before };
}

import { describe, expect, it } from "vitest";
import { clockTicksPerSecond, readCpuMicros, readMachineCpuMicros, readMemory } from "./proc-stats.mjs";

describe("proc stats", () => {
  it("sees this process's CPU time grow while it works", () => {
    const ticks = clockTicksPerSecond();
    const before = readCpuMicros(process.pid, ticks);
    const until = performance.now() + 150;
    while (performance.now() < until);
    const used = readCpuMicros(process.pid, ticks) - before;
    expect(used).toBeGreaterThanOrEqual(50_000);
    expect(used).toBeLessThan(2_000_000);
  });

  it("reads RSS and its peak", () => {
    const { rss, hwm } = readMemory(process.pid);
    expect(rss).toBeGreaterThan(10e6);
    expect(hwm).toBeGreaterThanOrEqual(rss);
  });

  it("reads the machine's busy and total CPU", () => {
    const { busy, total } = readMachineCpuMicros(clockTicksPerSecond());
    expect(busy).toBeGreaterThan(0);
    expect(total).toBeGreaterThan(busy);
  });
});

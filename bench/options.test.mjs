import { describe, expect, it } from "vitest";
import { parseOptions } from "./options.mjs";

describe("parseOptions", () => {
  it("defaults to the full run", () => {
    const o = parseOptions([], {});
    expect(o).toMatchObject({
      quick: false,
      throughputSec: 10,
      rates: [100, 500],
      idleStreams: 1000,
      install: true,
    });
    expect(o.only).toBeUndefined();
  });

  it("shortens every scenario with --quick, and a flag still wins", () => {
    const o = parseOptions(["--quick", "--stream-sec", "7"], {});
    expect(o).toMatchObject({ quick: true, throughputSec: 3, streamSec: 7, idleStreams: 200 });
  });

  it("reads BENCH_* variables, flags first", () => {
    const env = { BENCH_ONLY: "gatehouse,bare", BENCH_LATENCY_SEC: "4", BENCH_QUICK: "1" };
    const o = parseOptions(["--latency-sec", "5"], env);
    expect(o).toMatchObject({ only: ["gatehouse", "bare"], latencySec: 5, quick: true });
  });

  it("refuses a duration that is not a positive number", () => {
    expect(() => parseOptions(["--stream-sec", "x"], {})).toThrow(/positive number/);
    expect(() => parseOptions(["--stream-sec", "0"], {})).toThrow(/positive number/);
  });

  it("runs Gatehouse's robustness scenarios unless told not to, by flag or variable", () => {
    expect(parseOptions([], {})).toMatchObject({ breaker: true, wrongKey: true, stress: true });
    const o = parseOptions(["--no-stress", "--no-wrong-key"], { BENCH_NO_BREAKER: "1" });
    expect(o).toMatchObject({ breaker: false, wrongKey: false, stress: false });
  });

  it("shortens the stress run with --quick, keeping its defining loads", () => {
    const full = parseOptions([], {});
    const quick = parseOptions(["--quick"], {});
    expect(full).toMatchObject({ fuzzBodies: 2000, abortedStreams: 1000, stressIdleSec: 30, bigBodies: 100 });
    expect(quick).toMatchObject({ fuzzBodies: 200, abortedStreams: 200, stressIdleSec: 10, bigBodies: 100 });
    expect(quick.wrongKeyRequests).toBe(50);
    expect(parseOptions(["--quick", "--fuzz-bodies", "50", "--fuzz-seed", "7"], {})).toMatchObject({
      fuzzBodies: 50,
      fuzzSeed: 7,
    });
  });

  it("leaves limits and budgets off unless --limits (or BENCH_LIMITS) names memory or redis", () => {
    expect(parseOptions([], {}).limits).toBeUndefined();
    expect(parseOptions(["--limits", "memory"], {}).limits).toBe("memory");
    expect(parseOptions([], { BENCH_LIMITS: "redis" }).limits).toBe("redis");
    expect(parseOptions(["--limits", "memory"], { BENCH_LIMITS: "redis" }).limits).toBe("memory");
    expect(() => parseOptions(["--limits", "postgres"], {})).toThrow(/memory, redis/);
    expect(() => parseOptions(["--limits", ""], {})).toThrow(/memory, redis/);
  });
});

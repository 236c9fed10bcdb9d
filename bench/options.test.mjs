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
});

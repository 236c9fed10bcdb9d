import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { ChartModel } from "./activity-chart-data";
import { areaPath, bandsOf, labelledIndices, linePath, niceAxis, runsOf, topOf } from "./chart-geometry";

const model = (rows: Array<Array<number | null>>): ChartModel => ({
  interval: "hour",
  unit: "count",
  data: rows.map((values, t) => Object.fromEntries([["t", t], ...values.map((v, s) => [`s${s}`, v])])),
  series: (rows[0] ?? []).map((_, s) => ({ name: `s${s}`, label: `g${s}`, color: "blue.6" })),
});

describe("niceAxis", () => {
  it("reaches the highest value with round steps from 0", () => {
    expect(niceAxis(87)).toEqual({ max: 100, ticks: [0, 25, 50, 75, 100] });
    expect(niceAxis(0.3)).toEqual({ max: 0.3, ticks: [0, 0.1, 0.2, 0.3] });
    expect(niceAxis(0)).toEqual({ max: 1, ticks: [0, 0.25, 0.5, 0.75, 1] });
  });

  it("for any positive maximum: ticks start at 0, increase evenly, end at max ≥ the value, 2–11 of them", () => {
    fc.assert(
      fc.property(fc.double({ min: 1e-9, max: 1e15, noNaN: true }), (v) => {
        const { max, ticks } = niceAxis(v);
        expect(ticks[0]).toBe(0);
        expect(ticks.at(-1)).toBe(max);
        expect(max).toBeGreaterThanOrEqual(v * (1 - 1e-9));
        expect(ticks.length).toBeGreaterThanOrEqual(2);
        expect(ticks.length).toBeLessThanOrEqual(11);
        const step = ticks[1]! - ticks[0]!;
        for (let i = 1; i < ticks.length; i++)
          expect(Math.abs(ticks[i]! - ticks[i - 1]! - step)).toBeLessThanOrEqual(step * 1e-9);
      }),
    );
  });
});

describe("bandsOf", () => {
  it("stacks additive series (a gap adds nothing) and keeps lines from 0", () => {
    const m = model([
      [1, 2],
      [null, 3],
    ]);
    expect(bandsOf(m, true)).toEqual([
      [[0, 1], null],
      [
        [1, 3],
        [0, 3],
      ],
    ]);
    expect(bandsOf(m, false)[1]).toEqual([
      [0, 2],
      [0, 3],
    ]);
    expect(topOf(bandsOf(m, true))).toBe(3);
  });

  it("the top of a stack is the sum of its values", () => {
    fc.assert(
      fc.property(
        fc.array(fc.array(fc.option(fc.nat(1e6), { nil: null }), { minLength: 3, maxLength: 3 }), {
          maxLength: 20,
        }),
        (rows) => {
          const bands = bandsOf(model(rows), true);
          rows.forEach((row, i) => {
            const sum = row.reduce<number>((a, v) => a + (v ?? 0), 0);
            const tops = bands.map((s) => s[i]?.[1] ?? 0);
            expect(Math.max(0, ...tops)).toBe(sum);
          });
        },
      ),
    );
  });
});

describe("paths and labels", () => {
  it("splits runs at gaps and draws each as its own subpath", () => {
    expect(runsOf([[0, 1], null, [0, 2], [0, 3]]).map((r) => r.map((p) => p.i))).toEqual([[0], [2, 3]]);
    expect(
      linePath([
        [[0, 1]],
        [
          [2, 3],
          [4, 5],
        ],
      ]),
    ).toBe("M0.0,1.0M2.0,3.0L4.0,5.0");
    expect(
      areaPath(
        [
          [0, 1],
          [2, 1],
        ],
        [
          [0, 5],
          [2, 5],
        ],
      ),
    ).toBe("M0.0,1.0L2.0,1.0L2.0,5.0L0.0,5.0Z");
  });

  it("labels at most the room there is, the first bucket always", () => {
    expect(labelledIndices(0, 5)).toEqual([]);
    expect(labelledIndices(24, 6)).toEqual([0, 4, 8, 12, 16, 20]);
    fc.assert(
      fc.property(fc.nat(500), fc.nat(50), (n, room) => {
        const out = labelledIndices(n, room);
        expect(out.length).toBeLessThanOrEqual(Math.max(1, room));
        if (n > 0) expect(out[0]).toBe(0);
      }),
    );
  });
});

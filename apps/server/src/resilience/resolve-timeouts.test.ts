import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  DEFAULT_UPSTREAM_TIMEOUTS,
  resolveTimeouts,
  TIMEOUT_BOUNDS,
  type TimeoutOverrides,
} from "./resolve-timeouts.js";

/** A provider kind's defaults as an adapter declares them (Ollama's, at the time of writing). */
const SLOW_LOADING = { connectMs: 2_000, firstByteMs: 300_000 };

describe("resolveTimeouts", () => {
  it("uses the global defaults when nothing overrides them, frozen", () => {
    const t = resolveTimeouts({});
    expect(t).toEqual(DEFAULT_UPSTREAM_TIMEOUTS);
    expect(Object.isFrozen(t)).toBe(true);
  });

  it("layers global < provider kind < model < request", () => {
    const global = { connectMs: 4_000, firstByteMs: 60_000, idleMs: 30_000, totalMs: 900_000 };
    expect(resolveTimeouts({ global })).toEqual(global);
    expect(resolveTimeouts({ global, provider: SLOW_LOADING })).toEqual({
      connectMs: 2_000,
      firstByteMs: 300_000,
      idleMs: 30_000,
      totalMs: 900_000,
    });
    expect(
      resolveTimeouts({ global, provider: SLOW_LOADING, model: { firstByteMs: 400_000, idleMs: 45_000 } }),
    ).toEqual({ connectMs: 2_000, firstByteMs: 400_000, idleMs: 45_000, totalMs: 900_000 });
    expect(
      resolveTimeouts({
        global,
        provider: SLOW_LOADING,
        model: { firstByteMs: 400_000 },
        request: { idleMs: 5_000 },
      }),
    ).toMatchObject({ firstByteMs: 400_000, idleMs: 5_000 });
  });

  it("lets a request shorten but not lengthen a timeout, unless allowed", () => {
    const model = { totalMs: 60_000 };
    expect(resolveTimeouts({ model, request: { totalMs: 600_000 } }).totalMs).toBe(60_000);
    expect(resolveTimeouts({ model, request: { totalMs: 600_000 }, requestMayRaise: true }).totalMs).toBe(
      600_000,
    );
  });

  it("keeps inner clocks within outer ones", () => {
    expect(resolveTimeouts({ request: { totalMs: 3_000 } })).toEqual({
      connectMs: 3_000,
      firstByteMs: 3_000,
      idleMs: 3_000,
      totalMs: 3_000,
    });
  });

  it("clamps to the bounds and ignores values that are not numbers", () => {
    const t = resolveTimeouts({
      model: { connectMs: 1, totalMs: 99_999_999, idleMs: Number.NaN, firstByteMs: "9" as unknown as number },
      requestMayRaise: true,
    });
    expect(t).toEqual({ connectMs: 100, firstByteMs: 120_000, idleMs: 120_000, totalMs: 3_600_000 });
  });

  it("always answers clocks within the bounds, nested, and never raised by a request without leave", () => {
    const value = fc.oneof(
      fc.integer({ min: -10, max: 10_000_000 }),
      fc.double(),
      fc.constant(undefined),
    ) as fc.Arbitrary<number | undefined>;
    const layer: fc.Arbitrary<TimeoutOverrides | undefined> = fc.option(
      fc.record(
        { connectMs: value, firstByteMs: value, idleMs: value, totalMs: value },
        { requiredKeys: [] },
      ),
      { nil: undefined },
    );
    fc.assert(
      fc.property(layer, layer, layer, layer, fc.boolean(), (global, provider, model, request, mayRaise) => {
        const t = resolveTimeouts({ global, provider, model, request, requestMayRaise: mayRaise });
        for (const k of Object.keys(TIMEOUT_BOUNDS) as Array<keyof typeof TIMEOUT_BOUNDS>) {
          expect(t[k]).toBeGreaterThanOrEqual(TIMEOUT_BOUNDS[k].min);
          expect(t[k]).toBeLessThanOrEqual(TIMEOUT_BOUNDS[k].max);
        }
        expect(t.connectMs).toBeLessThanOrEqual(t.firstByteMs);
        expect(t.firstByteMs).toBeLessThanOrEqual(t.totalMs);
        expect(t.idleMs).toBeLessThanOrEqual(t.totalMs);
        if (!mayRaise) {
          const operator = resolveTimeouts({ global, provider, model });
          for (const k of Object.keys(TIMEOUT_BOUNDS) as Array<keyof typeof TIMEOUT_BOUNDS>) {
            expect(t[k]).toBeLessThanOrEqual(operator[k]);
          }
        }
      }),
    );
  });

  it("lets the provider kind's layer override the global one and the model's override it", () => {
    expect(resolveTimeouts({ provider: { idleMs: 7_000 } }).idleMs).toBe(7_000);
    expect(resolveTimeouts({ global: { idleMs: 9_000 }, provider: { idleMs: 7_000 } }).idleMs).toBe(7_000);
    expect(resolveTimeouts({ provider: { idleMs: 7_000 }, model: { idleMs: 8_000 } }).idleMs).toBe(8_000);
  });
});

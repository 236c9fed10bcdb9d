import { describe, expect, it } from "vitest";
import { DEFAULT_UPSTREAM_TIMEOUTS, resolveTimeouts } from "./resolve-timeouts.js";

describe("resolveTimeouts", () => {
  it("uses the global defaults when nothing overrides them, frozen", () => {
    const t = resolveTimeouts({});
    expect(t).toEqual(DEFAULT_UPSTREAM_TIMEOUTS);
    expect(Object.isFrozen(t)).toBe(true);
  });

  it("layers global < provider kind < model < request", () => {
    const global = { connectMs: 4_000, firstByteMs: 60_000, idleMs: 30_000, totalMs: 900_000 };
    expect(resolveTimeouts({ global })).toEqual(global);
    expect(resolveTimeouts({ global, providerKind: "ollama" })).toEqual({
      connectMs: 2_000,
      firstByteMs: 300_000,
      idleMs: 30_000,
      totalMs: 900_000,
    });
    expect(
      resolveTimeouts({ global, providerKind: "ollama", model: { firstByteMs: 400_000, idleMs: 45_000 } }),
    ).toEqual({ connectMs: 2_000, firstByteMs: 400_000, idleMs: 45_000, totalMs: 900_000 });
    expect(
      resolveTimeouts({
        global,
        providerKind: "ollama",
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
});

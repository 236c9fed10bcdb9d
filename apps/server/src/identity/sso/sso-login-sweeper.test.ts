import { describe, expect, it } from "vitest";
import { createSsoLoginSweeper } from "./sso-login-sweeper.js";

describe("createSsoLoginSweeper", () => {
  it("sweeps at most once per interval, and reports a failure instead of throwing", async () => {
    let t = 0;
    let sweeps = 0;
    let fail = false;
    const errors: unknown[] = [];
    const sweeper = createSsoLoginSweeper({
      logins: {
        sweepExpired: async () => {
          sweeps += 1;
          if (fail) throw new Error("database down");
          return 0;
        },
      },
      now: () => t,
      everyMs: 1_000,
      onError: (error) => errors.push(error),
    });
    await Promise.all([sweeper.maybeSweep(), sweeper.maybeSweep()]);
    expect(sweeps).toBe(1);
    t += 999;
    await sweeper.maybeSweep();
    expect(sweeps).toBe(1);
    t += 1;
    fail = true;
    await expect(sweeper.maybeSweep()).resolves.toBeUndefined();
    expect([sweeps, errors.length]).toEqual([2, 1]);
  });
});

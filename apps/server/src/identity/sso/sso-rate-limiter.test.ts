import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { createSsoRateLimiter } from "./sso-rate-limiter.js";

function clock(start = 1_000_000) {
  let t = start;
  return { now: () => t, advance: (ms: number) => (t += ms) };
}

describe("createSsoRateLimiter", () => {
  it("lets an address start max logins per window, then refuses with the time left", () => {
    const c = clock();
    const limiter = createSsoRateLimiter({
      now: c.now,
      limits: { startPerIp: { max: 3, windowMs: 60_000 } },
    });
    for (let i = 0; i < 3; i++) expect(limiter.start("ten_a", "192.0.2.1").allowed).toBe(true);
    c.advance(15_000);
    expect(limiter.start("ten_a", "192.0.2.1")).toEqual({ allowed: false, retryAfterSeconds: 45 });
    // Another address and the same address elsewhere are counted apart (only per IP here).
    expect(limiter.start("ten_a", "192.0.2.2").allowed).toBe(true);
    c.advance(45_000);
    expect(limiter.start("ten_a", "192.0.2.1").allowed).toBe(true);
  });

  it("limits a tenant across addresses", () => {
    const c = clock();
    const limiter = createSsoRateLimiter({
      now: c.now,
      limits: { startPerTenant: { max: 2, windowMs: 10_000 } },
    });
    expect(limiter.start("ten_a", "192.0.2.1").allowed).toBe(true);
    expect(limiter.start("ten_a", "192.0.2.2").allowed).toBe(true);
    expect(limiter.start("ten_a", "192.0.2.3")).toEqual({ allowed: false, retryAfterSeconds: 10 });
    expect(limiter.start("ten_b", "192.0.2.3").allowed).toBe(true);
  });

  it("does not count a refused start against the tenant", () => {
    const c = clock();
    const limiter = createSsoRateLimiter({
      now: c.now,
      limits: { startPerIp: { max: 1, windowMs: 60_000 }, startPerTenant: { max: 3, windowMs: 60_000 } },
    });
    expect(limiter.start("ten_a", "192.0.2.1").allowed).toBe(true);
    for (let i = 0; i < 10; i++) expect(limiter.start("ten_a", "192.0.2.1").allowed).toBe(false);
    expect(limiter.start("ten_a", "192.0.2.2").allowed).toBe(true);
    expect(limiter.start("ten_a", "192.0.2.3").allowed).toBe(true);
    expect(limiter.start("ten_a", "192.0.2.4").allowed).toBe(false);
  });

  it("counts exchanges apart from starts, IPv6 by /64", () => {
    const c = clock();
    const limiter = createSsoRateLimiter({
      now: c.now,
      limits: { exchangePerIp: { max: 2, windowMs: 60_000 } },
    });
    expect(limiter.exchange("2001:db8:1:2::1").allowed).toBe(true);
    expect(limiter.exchange("2001:db8:1:2::ffff").allowed).toBe(true);
    expect(limiter.exchange("2001:db8:1:2:aaaa::1").allowed).toBe(false);
    expect(limiter.exchange("2001:db8:1:3::1").allowed).toBe(true);
    expect(limiter.start("ten_a", "2001:db8:1:2::1").allowed).toBe(true);
  });

  it("keeps its memory bounded", () => {
    const c = clock();
    const limiter = createSsoRateLimiter({ now: c.now, maxEntries: 100 });
    for (let i = 0; i < 1000; i++) limiter.exchange(`10.0.${i >> 8}.${i & 255}`);
    expect(limiter.size()).toBeLessThanOrEqual(100);
  });

  it("refuses nonsensical limits", () => {
    expect(() =>
      createSsoRateLimiter({ now: Date.now, limits: { startPerIp: { max: 0, windowMs: 1 } } }),
    ).toThrow(RangeError);
    expect(() => createSsoRateLimiter({ now: Date.now, maxEntries: 0 })).toThrow(RangeError);
  });

  it("never admits more than 2 × max per address in any sliding window (property)", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 10 }),
        fc.array(fc.tuple(fc.integer({ min: 0, max: 3 }), fc.integer({ min: 0, max: 5_000 })), {
          maxLength: 200,
        }),
        (max, steps) => {
          const c = clock();
          const windowMs = 60_000;
          const limiter = createSsoRateLimiter({ now: c.now, limits: { exchangePerIp: { max, windowMs } } });
          const admitted = new Map<number, number[]>();
          for (const [who, wait] of steps) {
            c.advance(wait);
            if (limiter.exchange(`198.51.100.${who}`).allowed) {
              admitted.set(who, [...(admitted.get(who) ?? []), c.now()]);
            }
          }
          for (const times of admitted.values()) {
            for (const t of times) {
              // Fixed windows: at most max in each, so any span of one window length meets two at most.
              expect(times.filter((u) => u >= t && u < t + windowMs).length).toBeLessThanOrEqual(2 * max);
            }
          }
        },
      ),
    );
  });
});

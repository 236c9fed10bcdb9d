import { describe, expect, it } from "vitest";
import { createLoginThrottle } from "./login-throttle.js";

const MIN = 60_000;

function setup(options: { maxEntries?: number } = {}) {
  const clock = { now: 1_750_000_000_000 };
  const throttle = createLoginThrottle({ now: () => clock.now, ...options });
  return { clock, throttle };
}

describe("createLoginThrottle", () => {
  it("allows a fresh account and address", () => {
    expect(setup().throttle.check("a@example.com", "192.0.2.1")).toEqual({ allowed: true });
  });

  it("locks an account after 5 failures, from any address, for the rest of the window", () => {
    const { clock, throttle } = setup();
    for (let i = 0; i < 4; i++) {
      throttle.recordFailure("Alice@Example.com", `192.0.2.${i}`);
      clock.now += MIN;
    }
    expect(throttle.check("alice@example.com", "198.51.100.9").allowed).toBe(true);
    throttle.recordFailure(" alice@EXAMPLE.com", "192.0.2.4");
    // The window opened 4 minutes ago: 11 minutes remain, whoever asks.
    expect(throttle.check("alice@example.com", "198.51.100.9")).toEqual({
      allowed: false,
      retryAfterSeconds: 660,
    });
    expect(throttle.check("ALICE@example.com", "203.0.113.1")).toEqual({
      allowed: false,
      retryAfterSeconds: 660,
    });
    expect(throttle.check("bob@example.com", "192.0.2.4")).toEqual({ allowed: true });
    clock.now += 11 * MIN - 1;
    expect(throttle.check("alice@example.com", "198.51.100.9")).toEqual({
      allowed: false,
      retryAfterSeconds: 1,
    });
    clock.now += 1;
    expect(throttle.check("alice@example.com", "198.51.100.9")).toEqual({ allowed: true });
  });

  it("locks an address after 20 failures across accounts, and only that address", () => {
    const { clock, throttle } = setup();
    for (let i = 0; i < 20; i++) throttle.recordFailure(`user${i}@example.com`, "192.0.2.7");
    clock.now += 30_500;
    expect(throttle.check("someone-else@example.com", "192.0.2.7")).toEqual({
      allowed: false,
      retryAfterSeconds: 870, // 15 min − 30.5 s, rounded up
    });
    expect(throttle.check("someone-else@example.com", "192.0.2.8")).toEqual({ allowed: true });
    expect(throttle.check("user1@example.com", "192.0.2.8")).toEqual({ allowed: true });
  });

  it("counts an IPv6 /64 as one address", () => {
    const { throttle } = setup();
    for (let i = 0; i < 20; i++)
      throttle.recordFailure(`u${i}@example.com`, `2001:db8:1:2::${i.toString(16)}`);
    expect(throttle.check("x@example.com", "2001:db8:1:2:ffff::1").allowed).toBe(false);
    expect(throttle.check("x@example.com", "2001:db8:1:3::1").allowed).toBe(true);
  });

  it("answers the longer wait when both the account and the address are locked", () => {
    const { clock, throttle } = setup();
    for (let i = 0; i < 20; i++) throttle.recordFailure(`u${i}@example.com`, "192.0.2.7");
    clock.now += 5 * MIN;
    for (let i = 0; i < 5; i++) throttle.recordFailure("alice@example.com", "198.51.100.1");
    expect(throttle.check("alice@example.com", "192.0.2.7")).toEqual({
      allowed: false,
      retryAfterSeconds: 900,
    });
  });

  it("clears the account on success, but not the address", () => {
    const { throttle } = setup();
    for (let i = 0; i < 4; i++) throttle.recordFailure("alice@example.com", "192.0.2.1");
    for (let i = 0; i < 16; i++) throttle.recordFailure(`u${i}@example.com`, "192.0.2.1");
    throttle.recordSuccess("ALICE@example.com", "192.0.2.1");
    throttle.recordFailure("alice@example.com", "198.51.100.1");
    expect(throttle.check("alice@example.com", "198.51.100.1").allowed).toBe(true);
    expect(throttle.check("bob@example.com", "192.0.2.1").allowed).toBe(false);
  });

  it("starts a new window once the old one closed", () => {
    const { clock, throttle } = setup();
    for (let i = 0; i < 4; i++) throttle.recordFailure("alice@example.com", "192.0.2.1");
    clock.now += 15 * MIN;
    throttle.recordFailure("alice@example.com", "192.0.2.1");
    expect(throttle.check("alice@example.com", "192.0.2.1").allowed).toBe(true);
  });

  it("never holds more than maxEntries counters, and drops closed windows", () => {
    const { throttle } = setup();
    for (let i = 0; i < 200_000; i++) throttle.recordFailure(`user${i}@example.com`, `ip-${i}`);
    expect(throttle.size()).toBeLessThanOrEqual(100_000);
    // The newest counters survive eviction.
    for (let i = 0; i < 4; i++) throttle.recordFailure("user199999@example.com", "192.0.2.1");
    expect(throttle.check("user199999@example.com", "192.0.2.2").allowed).toBe(false);

    const small = setup({ maxEntries: 10 });
    for (let i = 0; i < 5; i++) small.throttle.recordFailure(`u${i}@example.com`, `ip-${i}`);
    expect(small.throttle.size()).toBe(10);
    small.clock.now += 15 * MIN;
    small.throttle.recordFailure("late@example.com", "ip-late");
    expect(small.throttle.size()).toBe(2);
  });

  it("refuses nonsense limits", () => {
    expect(() => createLoginThrottle({ now: Date.now, perAccount: { max: 0, windowMs: 1 } })).toThrow(
      RangeError,
    );
    expect(() => createLoginThrottle({ now: Date.now, maxEntries: 0 })).toThrow(RangeError);
  });
});

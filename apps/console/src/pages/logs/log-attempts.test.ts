import { describe, expect, it } from "vitest";
import { readAttempts } from "./log-attempts";

describe("readAttempts", () => {
  it("keeps the server's start offsets and error codes", () => {
    const { attempts, estimated } = readAttempts([
      {
        model: "m",
        provider: "p",
        deployment: "d1",
        status: 503,
        atMs: 2,
        ms: 30,
        error: "upstream_overloaded",
      },
      { model: "m", provider: "q", deployment: "d2", status: 200, atMs: 40, ms: 100 },
    ]);
    expect(estimated).toBe(false);
    expect(attempts.map((a) => [a.atMs, a.ms, a.error, a.status])).toEqual([
      [2, 30, "upstream_overloaded", 503],
      [40, 100, undefined, 200],
    ]);
  });

  it("estimates offsets of older records back to back and skips junk", () => {
    const { attempts, estimated } = readAttempts([
      { provider: "p", status: null, ms: 10 },
      7,
      { provider: "q", ms: 5 },
    ]);
    expect(estimated).toBe(true);
    expect(attempts.map((a) => a.atMs)).toEqual([0, 10]);
  });
});

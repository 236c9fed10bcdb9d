import { describe, expect, it } from "vitest";
import { blockedSince } from "./blocked-since.js";

describe("blockedSince", () => {
  it.each([
    ["closed", 0, 0, 0],
    ["closed", 1_000, 0, 0],
    ["closed", 0, 3_000, 3_000],
    ["closed", 1_000, 3_000, 3_000],
    ["open", 1_000, 0, 1_000],
    ["half_open", 1_000, 0, 1_000],
    ["open", 5_000, 2_000, 2_000],
    ["half_open", 2_000, 5_000, 2_000],
  ] as const)(
    "%s, opened at %d, cooling since %d: blocked since %d",
    (state, openedAt, coolSince, expected) => {
      expect(blockedSince(state, openedAt, coolSince)).toBe(expected);
    },
  );
});

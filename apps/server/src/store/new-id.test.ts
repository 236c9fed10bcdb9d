import { describe, expect, it } from "vitest";
import { newId } from "./new-id.js";

describe("newId", () => {
  it("is the prefix, an underscore and 20 base62 characters", () => {
    for (const prefix of ["ten", "ws", "usr", "key", "prv", "mdl", "dep"] as const) {
      expect(newId(prefix)).toMatch(new RegExp(`^${prefix}_[0-9A-Za-z]{20}$`));
    }
  });

  it("does not repeat and uses the whole alphabet", () => {
    const ids = Array.from({ length: 2_000 }, () => newId("key"));
    expect(new Set(ids).size).toBe(ids.length);
    const chars = new Set(ids.flatMap((id) => [...id.slice(4)]));
    expect(chars.size).toBe(62);
  });
});

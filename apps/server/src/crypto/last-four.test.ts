import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { lastFour } from "./last-four.js";

describe("lastFour", () => {
  it("shows an ellipsis and the last four characters of a long secret", () => {
    expect(lastFour("sk-proj-abcdefghijklmnop1234")).toBe("…1234");
    expect(lastFour("sk-proj-abcdefghijklmnop1234\n")).toBe("…1234");
    expect(lastFour("0123456789abcdef")).toBe("…cdef");
  });

  it("shows only the ellipsis for short secrets", () => {
    for (const secret of ["", "a", "abcd", "hunter2", "0123456789abcde"]) expect(lastFour(secret)).toBe("…");
  });

  it("never cuts a character outside the BMP in half", () => {
    expect(lastFour(`${"x".repeat(20)}a😀b😀`)).toBe("…a😀b😀");
  });

  it("never shows more than four characters of any secret, all from its end", () => {
    fc.assert(
      fc.property(fc.string({ unit: "grapheme", maxLength: 60 }), (secret) => {
        const shown = lastFour(secret);
        expect(shown.startsWith("…")).toBe(true);
        const tail = Array.from(shown.slice(1));
        expect(tail.length).toBeLessThanOrEqual(4);
        expect(secret.trim().endsWith(tail.join(""))).toBe(true);
      }),
    );
  });
});

import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parseStatementMonth } from "./statement-month.js";

describe("parseStatementMonth", () => {
  it("gives the month's UTC range, December rolling into the next year", () => {
    expect(parseStatementMonth("2026-11")).toEqual({
      from: Date.UTC(2026, 10, 1),
      to: Date.UTC(2026, 11, 1),
    });
    expect(parseStatementMonth("2026-12")).toEqual({ from: Date.UTC(2026, 11, 1), to: Date.UTC(2027, 0, 1) });
  });

  it("refuses anything else with invalid_request, never another error", () => {
    for (const bad of ["2026-13", "2026-00", "2026-1", "26-11", "2026-11-01", ""])
      expect(() => parseStatementMonth(bad)).toThrow(expect.objectContaining({ code: "invalid_request" }));
    fc.assert(
      fc.property(fc.string(), (s) => {
        try {
          const { from, to } = parseStatementMonth(s);
          expect(to).toBeGreaterThan(from);
        } catch (err) {
          expect((err as { code?: string }).code).toBe("invalid_request");
        }
      }),
    );
  });
});

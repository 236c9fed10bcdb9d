import { describe, expect, it } from "vitest";
import { barValue, usageLevel } from "./usage-level";

describe("usageLevel", () => {
  it("colours a cap at 50, 80 and 100 %", () => {
    expect(usageLevel(0, 100).color).toBe("teal");
    expect(usageLevel(49, 100).color).toBe("teal");
    expect(usageLevel(50, 100).color).toBe("yellow");
    expect(usageLevel(80, 100).color).toBe("orange");
    expect(usageLevel(100, 100)).toEqual({ fraction: 1, color: "red" });
    expect(usageLevel(130, 100).color).toBe("red");
  });
  it("treats a zero cap as used up once anything is used", () => {
    expect(usageLevel(0, 0)).toEqual({ fraction: 0, color: "teal" });
    expect(usageLevel(1, 0)).toEqual({ fraction: 1, color: "red" });
  });
  it("keeps bar values within 0–100", () => {
    expect(barValue(1.3)).toBe(100);
    expect(barValue(0.25)).toBe(25);
    expect(barValue(-1)).toBe(0);
  });
});

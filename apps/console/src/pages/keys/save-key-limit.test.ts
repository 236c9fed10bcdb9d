import { describe, expect, it } from "vitest";
import { amountOf } from "./save-key-limit";

describe("amountOf", () => {
  it("reads whole per-minute amounts; empty means not limited", () => {
    expect(amountOf("600")).toBe(600);
    expect(amountOf(" 200,000 ")).toBe(200_000);
    expect(amountOf("")).toBeNull();
  });
  it("refuses what the API would refuse", () => {
    expect(amountOf("0")).toBe("invalid");
    expect(amountOf("1.5")).toBe("invalid");
    expect(amountOf("-3")).toBe("invalid");
    expect(amountOf("10000000000000")).toBe("invalid");
  });
});

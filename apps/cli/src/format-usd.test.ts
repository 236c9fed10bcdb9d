import { parseUsdPerMTok } from "@gatehouse/server";
import { describe, expect, it } from "vitest";
import { formatUsd } from "./format-usd.js";

describe("formatUsd", () => {
  it("prints nano-USD with two decimals at least and no float noise", () => {
    expect(formatUsd(0)).toBe("0.00");
    expect(formatUsd(2_500_000_000)).toBe("2.50");
    expect(formatUsd(150_000)).toBe("0.00015");
    expect(formatUsd(75_000_000_001)).toBe("75.000000001");
  });

  it("reads back what parseUsdPerMTok wrote", () => {
    for (const text of ["0.10", "2.50", "15.00", "0.000001", "123456.789"])
      expect(Number(formatUsd(parseUsdPerMTok(text)))).toBe(Number(text));
  });
});

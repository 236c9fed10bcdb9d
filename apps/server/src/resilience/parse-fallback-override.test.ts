import { GatewayError } from "@gatehouse/protocol";
import { describe, expect, it } from "vitest";
import { MAX_FALLBACK_OVERRIDES, parseFallbackOverride } from "./parse-fallback-override.js";

function rejection(value: unknown, param?: string): GatewayError {
  try {
    parseFallbackOverride(value, param);
  } catch (err) {
    expect(err).toBeInstanceOf(GatewayError);
    return err as GatewayError;
  }
  throw new Error(`accepted ${JSON.stringify(value)}`);
}

describe("parseFallbackOverride", () => {
  it("reads a header's comma-separated names in order, blanks dropped", () => {
    expect(parseFallbackOverride("gpt-4o-mini, claude-haiku ,,")).toEqual(["gpt-4o-mini", "claude-haiku"]);
    expect(parseFallbackOverride("anthropic/claude-sonnet-4-5")).toEqual(["anthropic/claude-sonnet-4-5"]);
  });

  it("reads 'none' in any case, alone, as no fallback at all", () => {
    expect(parseFallbackOverride("none")).toEqual([]);
    expect(parseFallbackOverride(" None ")).toEqual([]);
    expect(parseFallbackOverride(["NONE"], "gatehouse.fallbacks")).toEqual([]);
  });

  it("reads a body array and answers undefined for nothing", () => {
    expect(parseFallbackOverride(["m1", " m2 "], "gatehouse.fallbacks")).toEqual(["m1", "m2"]);
    expect(parseFallbackOverride(undefined)).toBeUndefined();
    expect(parseFallbackOverride(null)).toBeUndefined();
    expect(parseFallbackOverride("")).toBeUndefined();
  });

  it("refuses other shapes with a 400 naming the parameter", () => {
    expect(rejection(42).details.param).toBe("x-gatehouse-fallbacks");
    expect(rejection({ m: 1 }, "gatehouse.fallbacks").details.param).toBe("gatehouse.fallbacks");
    const e = rejection(["ok", 3], "gatehouse.fallbacks");
    expect(e.code).toBe("invalid_request");
    expect(e.details.param).toBe("gatehouse.fallbacks[1]");
    expect(rejection("bad\u0001name").details.param).toBe("x-gatehouse-fallbacks[0]");
    expect(rejection(Array.from({ length: MAX_FALLBACK_OVERRIDES + 1 }, (_, i) => `m${i}`)).status).toBe(400);
  });
});

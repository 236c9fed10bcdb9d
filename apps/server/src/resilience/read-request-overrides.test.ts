import { GatewayError } from "@gatehouse/protocol";
import { describe, expect, it } from "vitest";
import { readRequestOverrides } from "./read-request-overrides.js";

describe("readRequestOverrides", () => {
  it("answers undefined when the client set nothing", () => {
    expect(readRequestOverrides({ "content-type": "application/json" }, undefined)).toBeUndefined();
    expect(readRequestOverrides({}, null)).toBeUndefined();
  });

  it("reads the headers", () => {
    expect(
      readRequestOverrides({ "x-gatehouse-fallbacks": "m2,m3", "x-gatehouse-timeout-ms": "1500" }, undefined),
    ).toEqual({ fallbacks: ["m2", "m3"], timeouts: { totalMs: 1_500 } });
    expect(readRequestOverrides({ "x-gatehouse-fallbacks": "none" }, undefined)).toEqual({ fallbacks: [] });
  });

  it("reads the body field, a header winning over it", () => {
    expect(readRequestOverrides({}, { fallbacks: ["m2"], timeouts: { first_byte_ms: 2_000 } })).toEqual({
      fallbacks: ["m2"],
      timeouts: { firstByteMs: 2_000 },
    });
    expect(readRequestOverrides({}, { timeout_ms: 3_000 })).toEqual({ timeouts: { totalMs: 3_000 } });
    expect(
      readRequestOverrides({ "x-gatehouse-fallbacks": "none" }, { fallbacks: ["m2"], timeouts: 5_000 }),
    ).toEqual({ fallbacks: [], timeouts: { totalMs: 5_000 } });
  });

  it("refuses a malformed field, or a setting that does not exist, naming it", () => {
    const param = (headers: Record<string, string>, field: unknown) => {
      try {
        readRequestOverrides(headers, field);
      } catch (err) {
        expect(err).toBeInstanceOf(GatewayError);
        expect((err as GatewayError).status).toBe(400);
        return (err as GatewayError).details.param;
      }
      return "accepted";
    };
    expect(param({}, "m2")).toBe("gatehouse");
    expect(param({}, { fallback: ["m2"] })).toBe("gatehouse.fallback");
    expect(param({}, { timeouts: 5 })).toBe("gatehouse.timeouts");
    expect(param({ "x-gatehouse-timeout-ms": "soon" }, undefined)).toBe("x-gatehouse-timeout-ms");
  });
});

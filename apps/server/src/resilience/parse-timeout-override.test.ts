import { GatewayError } from "@gatehouse/protocol";
import { describe, expect, it } from "vitest";
import { parseTimeoutOverride } from "./parse-timeout-override.js";

const rejects = (value: unknown, param: string) => {
  try {
    parseTimeoutOverride(value, "x-gatehouse-timeout-ms");
  } catch (err) {
    expect(err).toBeInstanceOf(GatewayError);
    expect((err as GatewayError).code).toBe("invalid_request");
    expect((err as GatewayError).status).toBe(400);
    expect((err as GatewayError).details.param).toBe(param);
    return;
  }
  throw new Error(`accepted ${JSON.stringify(value)}`);
};

describe("parseTimeoutOverride", () => {
  it("reads a header value as the total timeout", () => {
    expect(parseTimeoutOverride("30000")).toEqual({ totalMs: 30_000 });
    expect(parseTimeoutOverride(" 1500 ")).toEqual({ totalMs: 1_500 });
    expect(parseTimeoutOverride(2_000)).toEqual({ totalMs: 2_000 });
    expect(parseTimeoutOverride(undefined)).toBeUndefined();
    expect(parseTimeoutOverride("")).toBeUndefined();
  });

  it("reads an object of timeouts in either spelling", () => {
    expect(
      parseTimeoutOverride({ first_byte_ms: 10_000, idleMs: 5_000, total_ms: null }, "gatehouse.timeouts"),
    ).toEqual({
      firstByteMs: 10_000,
      idleMs: 5_000,
    });
  });

  it("refuses anything else with a 400 naming the parameter", () => {
    rejects("30s", "x-gatehouse-timeout-ms");
    rejects("-5", "x-gatehouse-timeout-ms");
    rejects("1e4", "x-gatehouse-timeout-ms");
    rejects(["1000", "2000"], "x-gatehouse-timeout-ms");
    rejects(99, "x-gatehouse-timeout-ms");
    rejects(3_600_001, "x-gatehouse-timeout-ms");
    rejects(1_000.5, "x-gatehouse-timeout-ms");
    rejects(true, "x-gatehouse-timeout-ms");
    rejects({ connect_ms: 700_000 }, "x-gatehouse-timeout-ms.connect_ms");
    rejects({ retries: 3 }, "x-gatehouse-timeout-ms.retries");
    rejects({ toString: 3 }, "x-gatehouse-timeout-ms.toString");
  });
});

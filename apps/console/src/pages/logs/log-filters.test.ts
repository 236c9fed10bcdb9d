import { describe, expect, it } from "vitest";
import { logQuery, rangeMs } from "./log-filters";

describe("logQuery", () => {
  const none = {
    range: undefined,
    model: undefined,
    provider: undefined,
    keyId: undefined,
    userId: undefined,
    workspaceId: undefined,
    status: undefined,
  };

  it("defaults to the last 24 hours and sends only the filters given", () => {
    expect(logQuery(none, 100_000_000)).toEqual({ from: 100_000_000 - 86_400_000, to: 100_000_000 });
    expect(logQuery({ ...none, range: "7d", model: "m", keyId: "key_1", status: "error" }, 1e12)).toEqual({
      from: 1e12 - 7 * 86_400_000,
      to: 1e12,
      model: "m",
      keyId: "key_1",
      status: "error",
    });
  });

  it("ignores an unknown status or range from a hand-edited URL", () => {
    expect(logQuery({ ...none, status: "bogus" }, 1e12)).not.toHaveProperty("status");
    expect(rangeMs("3y")).toBe(86_400_000);
  });
});

import { describe, expect, it } from "vitest";
import { resolveRequestControl } from "./request-control.js";

describe("resolveRequestControl", () => {
  it("uses defaults, then options, then headers", () => {
    expect(resolveRequestControl({}, "ok", {})).toEqual({
      ok: true,
      control: { mode: "ok", chunks: 5, delayMs: 0, faultAfter: 2 },
    });
    const headers = {
      "x-fake-mode": "cut-stream",
      "x-fake-chunks": "3",
      "x-fake-delay-ms": "7",
      "x-fake-fault-after": "0",
    };
    expect(resolveRequestControl(headers, "hang", { chunks: 9 })).toEqual({
      ok: true,
      control: { mode: "cut-stream", chunks: 3, delayMs: 7, faultAfter: 0 },
    });
  });

  it("uses slowDelayMs in mode slow", () => {
    const r = resolveRequestControl({}, "slow", { slowDelayMs: 300, chunkDelayMs: 5 });
    expect(r).toMatchObject({ control: { delayMs: 300 } });
  });

  it("reports malformed headers", () => {
    expect(resolveRequestControl({ "x-fake-mode": "boom" }, "ok", {})).toEqual({
      ok: false,
      message: "unknown x-fake-mode: boom",
    });
    expect(resolveRequestControl({ "x-fake-chunks": "0" }, "ok", {})).toMatchObject({ ok: false });
    expect(resolveRequestControl({ "x-fake-delay-ms": "-1" }, "ok", {})).toMatchObject({ ok: false });
  });
});

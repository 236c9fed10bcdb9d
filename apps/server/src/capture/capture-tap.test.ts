import { describe, expect, it } from "vitest";
import { CaptureTap } from "./capture-tap.js";

describe("CaptureTap", () => {
  it("keeps the request by reference when within the bound, cuts and flags it beyond", () => {
    const body = Buffer.from('{"a":1}');
    expect(new CaptureTap(body, 64, false).requestBytes()).toEqual({
      bytes: body,
      size: 7,
      truncated: false,
    });
    const cut = new CaptureTap(body, 4, false).requestBytes();
    expect(cut).toEqual({ bytes: Buffer.from('{"a"'), size: 7, truncated: true });
  });

  it("collects streamed chunks up to the bound, counting every byte written", () => {
    const tap = new CaptureTap(Buffer.alloc(0), 10, true);
    expect(tap.responseBytes()).toBeUndefined();
    tap.append("data: 1\n\n");
    tap.append(Buffer.from("data: 2\n\n"));
    tap.append("");
    const r = tap.responseBytes()!;
    expect(r.bytes.toString()).toBe("data: 1\n\nd");
    expect(r).toMatchObject({ size: 18, truncated: true });
  });

  it("copies chunks, so a pooled buffer reused after the write does not change the capture", () => {
    const tap = new CaptureTap(Buffer.alloc(0), 100, false);
    const chunk = Buffer.from("hello");
    tap.answer(chunk);
    chunk.fill(0);
    expect(tap.responseBytes()!.bytes.toString()).toBe("hello");
  });
});

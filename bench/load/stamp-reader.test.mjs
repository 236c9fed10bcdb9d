import { describe, expect, it } from "vitest";
import { createStampReader } from "./stamp-reader.mjs";

describe("createStampReader", () => {
  it("finds each stamp once, even split across pieces", () => {
    const reader = createStampReader();
    const text =
      'data: {"content":"<t:1700000000123.456>abc"}\n\ndata: {"content":"<t:1700000000124.5>x"}\n\n';
    const found = [];
    for (let i = 0; i < text.length; i += 7) found.push(...reader.push(Buffer.from(text.slice(i, i + 7))));
    expect(found.map((s) => s.sentAt)).toEqual([1700000000123.456, 1700000000124.5]);
    expect(found.every((s) => s.receivedAt > 1.6e12)).toBe(true);
  });

  it("ignores text that is not a stamp", () => {
    expect(createStampReader().push(Buffer.from("<t:abc> <t:12> t:1.5>"))).toEqual([]);
  });
});

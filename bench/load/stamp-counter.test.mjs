import { describe, expect, it } from "vitest";
import { createStampCounter } from "./stamp-counter.mjs";

describe("createStampCounter", () => {
  it("counts every stamp once however the body is cut", () => {
    const text = "data: <t:1.5>aa\n\ndata: <t:2.5>b<t:3.5>\n\n<t:4.5>";
    for (const size of [1, 2, 3, 4, 5, 7, 100]) {
      const counter = createStampCounter();
      let count = 0;
      for (let i = 0; i < text.length; i += size) count += counter.push(Buffer.from(text.slice(i, i + size)));
      expect(count, `pieces of ${size}`).toBe(4);
    }
  });

  it("does not count a partial mark", () => {
    const counter = createStampCounter();
    expect(counter.push(Buffer.from("<t")) + counter.push(Buffer.from("x<t"))).toBe(0);
  });
});

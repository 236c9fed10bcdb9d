import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { contentDisposition } from "./content-disposition.js";

describe("contentDisposition", () => {
  it("shows images inline and downloads anything else, with an encoded name", () => {
    expect(contentDisposition("image", "cat.png")).toBe(
      `inline; filename="cat.png"; filename*=UTF-8''cat.png`,
    );
    expect(contentDisposition("document", "it's (1) é.md")).toBe(
      `attachment; filename="it_s _1_ _.md"; filename*=UTF-8''it%27s%20%281%29%20%C3%A9.md`,
    );
  });

  it("is a valid header value for any name, and filename* decodes back to it", () => {
    fc.assert(
      fc.property(fc.string({ unit: "grapheme", minLength: 1 }), (name) => {
        const value = contentDisposition("document", name);
        expect(value).toMatch(/^[\x20-\x7e]+$/);
        const star = /filename\*=UTF-8''([A-Za-z0-9%._~-]*)$/.exec(value);
        expect(decodeURIComponent(star![1]!)).toBe(name);
        expect(/filename="([^"]*)";/.exec(value)?.[1]).toHaveLength(name.length);
      }),
    );
  });
});

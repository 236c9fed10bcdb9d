import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { createRequestIdSource } from "./new-request-id.js";

const UUID_V7 = /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe("createRequestIdSource", () => {
  it("makes UUIDv7 strings whose first 48 bits are the clock's milliseconds", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 2 ** 48 - 1 }), (ms) => {
        const id = createRequestIdSource(() => ms)();
        expect(id).toMatch(UUID_V7);
        expect(Number.parseInt(id.slice(0, 8) + id.slice(9, 13), 16)).toBe(ms);
      }),
    );
  });

  it("sorts ids of later milliseconds after earlier ones, and never repeats", () => {
    let ms = 1_795_000_000_000;
    const next = createRequestIdSource(() => ms);
    const ids: string[] = [];
    for (let i = 0; i < 3_000; i++) {
      if (i % 7 === 0) ms += 1;
      ids.push(next());
    }
    expect(new Set(ids).size).toBe(ids.length);
    for (let i = 7; i < ids.length; i += 7) expect(ids[i]! > ids[i - 1]!).toBe(true);
  });
});

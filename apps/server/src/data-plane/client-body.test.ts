import { describe, expect, it } from "vitest";
import { readClientBody, withFields } from "./client-body.js";

describe("readClientBody", () => {
  it("leaves a body without the field byte for byte (same buffer)", () => {
    const raw = Buffer.from('{"model":"m",  "messages":[{"role":"user","content":"gatehouse"}]}');
    const out = readClientBody(raw);
    expect(out.raw).toBe(raw);
    expect(out.field).toBeUndefined();
    expect(out.json.model).toBe("m");
  });

  it("does not mistake the word in a value or a nested key for the field", () => {
    const raw = Buffer.from('{"model":"m","x":"gatehouse","metadata":{"gatehouse":1}}');
    const out = readClientBody(raw);
    expect(out.raw).toBe(raw);
    expect(out.field).toBeUndefined();
  });

  it("takes the top-level field out of the bytes and of the parsed body", () => {
    const raw = Buffer.from(JSON.stringify({ model: "m", gatehouse: { fallbacks: ["m2"] }, stream: true }));
    const out = readClientBody(raw);
    expect(out.field).toEqual({ fallbacks: ["m2"] });
    expect(JSON.parse(out.raw.toString())).toEqual({ model: "m", stream: true });
    expect(out.json).toEqual({ model: "m", stream: true });
  });

  it("keeps a null field as present (the overrides reader decides what it means)", () => {
    const out = readClientBody(Buffer.from('{"model":"m","gatehouse":null}'));
    expect(out.field).toBeNull();
    expect(out.json).toEqual({ model: "m" });
  });

  it("refuses what is not a JSON object with a 400-class error", () => {
    for (const text of ["", "[]", "1", "{", '"x"']) {
      expect(() => readClientBody(Buffer.from(text))).toThrowError(
        expect.objectContaining({ status: 400 }) as Error,
      );
    }
  });
});

describe("withFields", () => {
  it("sends the client's bytes when nothing changes, and the changed body otherwise", () => {
    const body = readClientBody(Buffer.from('{"model":"m", "n":1}'));
    expect(withFields(body, undefined)).toBe(body.raw);
    expect(JSON.parse(String(withFields(body, { model: "up" })))).toEqual({ model: "up", n: 1 });
  });
});

import { GatewayError } from "@gatehouse/protocol";
import fc from "fast-check";
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

/** JSON values as JSON text carries them (as packages/protocol/src/testing/json-value-arb.ts: no -0). */
const jsonValue = fc.jsonValue({ maxDepth: 3 }).map((v) => JSON.parse(JSON.stringify(v)) as unknown);
const jsonObject = fc.dictionary(fc.string(), jsonValue, { maxKeys: 6 });

describe("readClientBody, properties", () => {
  it("for any JSON object: the same object back, the field taken out of both the bytes and the parse", () => {
    fc.assert(
      fc.property(jsonObject, fc.option(jsonValue, { nil: undefined }), (object, field) => {
        const sent = field === undefined ? object : { ...object, gatehouse: field };
        const raw = Buffer.from(JSON.stringify(sent));
        const out = readClientBody(raw);
        const { gatehouse: _, ...rest } = sent as Record<string, unknown>;
        expect(out.json).toEqual(rest);
        expect(JSON.parse(out.raw.toString("utf8"))).toEqual(rest);
        if (Object.hasOwn(sent, "gatehouse"))
          expect(out.field).toEqual((sent as { gatehouse: unknown }).gatehouse);
        else {
          expect(out.raw).toBe(raw); // untouched: the passthrough path forwards the client's own bytes
          expect(out.field).toBeUndefined();
        }
      }),
    );
  });

  it("for any bytes: a parsed object, or a 400-class GatewayError, never another failure", () => {
    const bytes = fc.oneof(
      fc.uint8Array({ maxLength: 64 }).map((b) => Buffer.from(b)),
      jsonValue.map((v) => Buffer.from(JSON.stringify(v))),
      fc.string().map((s) => Buffer.from(s)),
    );
    fc.assert(
      fc.property(bytes, (body) => {
        try {
          const out = readClientBody(body);
          expect(typeof out.json === "object" && out.json !== null && !Array.isArray(out.json)).toBe(true);
        } catch (err) {
          expect(err).toBeInstanceOf(GatewayError);
          expect((err as GatewayError).status).toBe(400);
        }
      }),
      { numRuns: 300 },
    );
  });
});

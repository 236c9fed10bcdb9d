import { describe, expect, it } from "vitest";
import { takeGatehouseField } from "./take-gatehouse-field.js";

describe("takeGatehouseField", () => {
  it("leaves a body without the field byte for byte (same buffer)", () => {
    const raw = Buffer.from('{"model":"m",  "messages":[{"role":"user","content":"gatehouse"}]}');
    const out = takeGatehouseField(raw);
    expect(out.raw).toBe(raw);
    expect(out.field).toBeUndefined();
  });

  it("does not mistake the word in a value for the field", () => {
    const raw = Buffer.from(
      '{"model":"m","messages":[{"role":"user","content":"\\"gatehouse\\""}],"x":"gatehouse"}',
    );
    const out = takeGatehouseField(raw);
    expect(out.raw).toBe(raw);
    expect(out.field).toBeUndefined();
  });

  it("takes the top-level field out of the bytes and of a parsed body", () => {
    const body = { model: "m", gatehouse: { fallbacks: ["m2"] }, stream: true };
    const raw = Buffer.from(JSON.stringify(body));
    for (const out of [takeGatehouseField(raw), takeGatehouseField(raw, body)]) {
      expect(out.field).toEqual({ fallbacks: ["m2"] });
      expect(JSON.parse(out.raw.toString())).toEqual({ model: "m", stream: true });
      expect(out.body).toEqual({ model: "m", stream: true });
    }
    expect(body.gatehouse).toBeDefined(); // the caller's object is not changed
  });

  it("leaves a body it cannot read as it is", () => {
    const raw = Buffer.from('["gatehouse"]');
    expect(takeGatehouseField(raw).raw).toBe(raw);
    const broken = Buffer.from('{"gatehouse": ');
    expect(takeGatehouseField(broken).raw).toBe(broken);
  });
});

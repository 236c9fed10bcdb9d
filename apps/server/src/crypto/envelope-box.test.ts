import { randomBytes } from "node:crypto";
import { GatewayError } from "@gatehouse/protocol";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { EnvelopeBox, type EnvelopeContext } from "./envelope-box.js";
import { type Envelope, parseEnvelope, serializeEnvelope } from "./envelope-format.js";
import { keyIdOf } from "./key-id-of.js";

const oldMaster = randomBytes(32);
const newMaster = randomBytes(32);
const ctx: EnvelopeContext = { tenantId: "t_acme", recordId: "prov_1", purpose: "provider_credentials" };
const SECRET = "sk-canary-0123456789abcdefghijklmnop";

/** The error `fn` throws; fails the test when it does not throw a GatewayError. */
function thrown(fn: () => unknown): GatewayError {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(GatewayError);
    return error as GatewayError;
  }
  throw new Error("expected a GatewayError, nothing was thrown");
}

/** Flips bit `bit` of a base64url field's decoded bytes. */
function flipBit(field: string, bit: number): string {
  const raw = Buffer.from(field, "base64url");
  raw[bit >> 3] = raw[bit >> 3]! ^ (1 << (bit & 7));
  return raw.toString("base64url");
}

function bits(field: string): number {
  return Buffer.from(field, "base64url").length * 8;
}

const contextArb = fc.record({
  tenantId: fc.string({ minLength: 1 }),
  recordId: fc.string({ minLength: 1 }),
  purpose: fc.string({ minLength: 1 }),
});

describe("EnvelopeBox", () => {
  it("round-trips any text under any context, also through the serialised form", () => {
    const box = new EnvelopeBox(newMaster);
    fc.assert(
      fc.property(contextArb, fc.string({ unit: "grapheme" }), (context, text) => {
        expect(box.open(context, box.seal(context, text))).toBe(text);
        expect(box.open(context, parseEnvelope(serializeEnvelope(box.seal(context, text))))).toBe(text);
      }),
      { numRuns: 200 },
    );
    expect(box.open(ctx, box.seal(ctx, "x".repeat(100_000)))).toBe("x".repeat(100_000));
  });

  it("records the master key id and uses a fresh data key and iv per seal", () => {
    const box = new EnvelopeBox(newMaster, [oldMaster]);
    const a = box.seal(ctx, SECRET);
    const b = box.seal(ctx, SECRET);
    expect(a.keyId).toBe(keyIdOf(newMaster));
    expect(box.keyId).toBe(keyIdOf(newMaster));
    expect(a.wrappedKey).not.toBe(b.wrappedKey);
    expect(a.payload).not.toBe(b.payload);
    expect(Buffer.from(a.wrappedKey, "base64url").length).toBe(12 + 16 + 32);
    expect(Buffer.from(a.payload, "base64url").length).toBe(12 + 16 + SECRET.length);
    expect(serializeEnvelope(a)).not.toContain("canary");
  });

  it.each([
    ["tenant", { ...ctx, tenantId: "t_other" }],
    ["record", { ...ctx, recordId: "prov_2" }],
    ["purpose", { ...ctx, purpose: "sso_client_secret" }],
  ])("refuses an envelope opened under another %s", (_field, other) => {
    const box = new EnvelopeBox(newMaster);
    const envelope = box.seal(ctx, SECRET);
    expect(thrown(() => box.open(other, envelope)).code).toBe("internal_error");
    expect(() => box.rewrap(other, envelope)).toThrow(/failed authentication/);
  });

  it("refuses every context other than the one sealed with (no ambiguous encodings)", () => {
    const box = new EnvelopeBox(newMaster);
    // Naive concatenation would give both of these the same associated data.
    const envelope = box.seal({ tenantId: "a.b", recordId: "c", purpose: "p" }, SECRET);
    expect(() => box.open({ tenantId: "a", recordId: "b.c", purpose: "p" }, envelope)).toThrow(GatewayError);
    fc.assert(
      fc.property(contextArb, contextArb, (sealedUnder, openedUnder) => {
        const same =
          sealedUnder.tenantId === openedUnder.tenantId &&
          sealedUnder.recordId === openedUnder.recordId &&
          sealedUnder.purpose === openedUnder.purpose;
        fc.pre(!same);
        expect(() => box.open(openedUnder, box.seal(sealedUnder, SECRET))).toThrow(/failed authentication/);
      }),
      { numRuns: 100 },
    );
  });

  it("refuses a flip of any bit of the wrapped key or the payload", () => {
    const box = new EnvelopeBox(newMaster);
    const envelope = box.seal(ctx, SECRET);
    const fields = ["wrappedKey", "payload"] as const;
    fc.assert(
      fc.property(fc.constantFrom(...fields), fc.nat(), (field, n) => {
        const bit = n % bits(envelope[field]);
        const tampered: Envelope = { ...envelope, [field]: flipBit(envelope[field], bit) };
        expect(thrown(() => box.open(ctx, tampered)).message).toMatch(/failed authentication/);
      }),
      { numRuns: 500 },
    );
  });

  it("refuses any one-character change of the serialised form, at parse or at open", () => {
    const box = new EnvelopeBox(newMaster, [oldMaster]);
    const text = serializeEnvelope(box.seal(ctx, SECRET));
    const alphabet = [..."0123456789abcdefABCDEF_-.=+/ e"];
    fc.assert(
      fc.property(fc.nat({ max: text.length - 1 }), fc.constantFrom(...alphabet), (at, ch) => {
        fc.pre(text[at] !== ch);
        const changed = text.slice(0, at) + ch + text.slice(at + 1);
        expect(thrown(() => box.open(ctx, parseEnvelope(changed))).code).toBe("internal_error");
      }),
      { numRuns: 500 },
    );
  });

  it("refuses a wrapped key and payload taken from two different envelopes", () => {
    const box = new EnvelopeBox(newMaster);
    const a = box.seal(ctx, SECRET);
    const b = box.seal(ctx, "another secret");
    expect(() => box.open(ctx, { ...a, payload: b.payload })).toThrow(/failed authentication/);
  });

  it("binds the key id: an envelope relabelled with another loaded master's id does not open", () => {
    const box = new EnvelopeBox(newMaster, [oldMaster]);
    const envelope = new EnvelopeBox(newMaster).seal(ctx, SECRET);
    expect(() => box.open(ctx, { ...envelope, keyId: keyIdOf(oldMaster) })).toThrow(/failed authentication/);
  });

  it("refuses an envelope whose master key is not loaded, naming only the key id", () => {
    const envelope = new EnvelopeBox(oldMaster).seal(ctx, SECRET);
    const error = thrown(() => new EnvelopeBox(newMaster).open(ctx, envelope));
    expect(error.code).toBe("internal_error");
    expect(error.message).toMatch(/not loaded/);
    expect(error.message).toContain(keyIdOf(oldMaster));
    const odd = thrown(() => new EnvelopeBox(newMaster).open(ctx, { ...envelope, keyId: SECRET }));
    expect(odd.message).not.toContain(SECRET);
  });

  it("opens pre-rotation envelopes while the older master is retained", () => {
    const sealedBefore = new EnvelopeBox(oldMaster).seal(ctx, SECRET);
    const rotated = new EnvelopeBox(newMaster, [oldMaster]);
    expect(rotated.needsRewrap(sealedBefore)).toBe(true);
    expect(rotated.open(ctx, sealedBefore)).toBe(SECRET);
    expect(rotated.needsRewrap(rotated.seal(ctx, SECRET))).toBe(false);
    expect(() => new EnvelopeBox(newMaster).open(ctx, sealedBefore)).toThrow(/not loaded/);
  });

  it("rewraps only the data key, after which the new master alone opens the envelope", () => {
    const sealedBefore = new EnvelopeBox(oldMaster).seal(ctx, SECRET);
    const rotated = new EnvelopeBox(newMaster, [oldMaster]);
    const rewrapped = rotated.rewrap(ctx, sealedBefore);
    expect(rewrapped.payload).toBe(sealedBefore.payload);
    expect(rewrapped.keyId).toBe(keyIdOf(newMaster));
    expect(rewrapped.wrappedKey).not.toBe(sealedBefore.wrappedKey);
    expect(rotated.needsRewrap(rewrapped)).toBe(false);
    expect(rotated.open(ctx, rewrapped)).toBe(SECRET);
    expect(new EnvelopeBox(newMaster).open(ctx, rewrapped)).toBe(SECRET);
    expect(() => new EnvelopeBox(oldMaster).open(ctx, rewrapped)).toThrow(/not loaded/);
    // Rewrapping twice is harmless.
    expect(new EnvelopeBox(newMaster).open(ctx, rotated.rewrap(ctx, rewrapped))).toBe(SECRET);
  });

  it("refuses to rewrap a tampered wrapped key", () => {
    const rotated = new EnvelopeBox(newMaster, [oldMaster]);
    const envelope = new EnvelopeBox(oldMaster).seal(ctx, SECRET);
    const tampered = { ...envelope, wrappedKey: flipBit(envelope.wrappedKey, 200) };
    expect(() => rotated.rewrap(ctx, tampered)).toThrow(/failed authentication/);
  });

  it("never puts plaintext or key bytes in an error message", () => {
    const box = new EnvelopeBox(newMaster, [oldMaster]);
    const envelope = box.seal(ctx, SECRET);
    const errors = [
      thrown(() => box.open({ ...ctx, tenantId: "t_evil" }, envelope)),
      thrown(() => box.open(ctx, { ...envelope, payload: flipBit(envelope.payload, 100) })),
      thrown(() => box.open(ctx, { ...envelope, payload: "AAAA" })),
      thrown(() => box.open(ctx, { ...envelope, payload: undefined as unknown as string })),
      thrown(() => new EnvelopeBox(randomBytes(32)).open(ctx, envelope)),
      thrown(() => box.open({ ...ctx, recordId: "" }, envelope)),
      thrown(() => parseEnvelope(serializeEnvelope({ ...envelope, payload: envelope.payload.slice(0, 8) }))),
      thrown(() => new EnvelopeBox(randomBytes(31))),
    ];
    const forbidden = [SECRET, "canary", envelope.payload, envelope.wrappedKey];
    for (const key of [newMaster, oldMaster]) {
      forbidden.push(key.toString("hex"), key.toString("base64"), key.toString("base64url"));
    }
    for (const error of errors) {
      expect(error.code).toBe("internal_error");
      for (const text of forbidden) expect(error.message).not.toContain(text);
      expect(error.stack ?? "").not.toContain(SECRET);
    }
  });

  it("rejects master keys that are not 32 bytes and contexts with an empty field", () => {
    expect(() => new EnvelopeBox(randomBytes(16))).toThrow(/32 bytes/);
    expect(() => new EnvelopeBox(newMaster, [randomBytes(33)])).toThrow(/32 bytes/);
    const box = new EnvelopeBox(newMaster);
    expect(() => box.seal({ ...ctx, tenantId: "" }, SECRET)).toThrow(/non-empty tenantId/);
    expect(() => box.seal({ ...ctx, purpose: "" }, SECRET)).toThrow(/non-empty purpose/);
  });
});

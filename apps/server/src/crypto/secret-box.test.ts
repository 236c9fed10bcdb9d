import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { keyIdOf } from "./key-id-of.js";
import { SecretBox } from "./secret-box.js";

const keyA = randomBytes(32);
const keyB = randomBytes(32);

/** Flips one bit of the decoded sealed value at `index` (negative counts from the end). */
function flipByte(ciphertext: string, index: number): string {
  const raw = Buffer.from(ciphertext, "base64url");
  const at = index < 0 ? raw.length + index : index;
  raw[at] = raw[at]! ^ 0x01;
  return raw.toString("base64url");
}

describe("SecretBox", () => {
  it("round-trips text, including empty and non-ASCII strings", () => {
    const box = new SecretBox(keyA);
    for (const text of ["", "sk-test-123", '{"apiKey":"sk-ü✓"}', "x".repeat(10_000)]) {
      expect(box.open(box.seal(text))).toBe(text);
    }
  });

  it("labels the sealed value with the current key's id and lays it out as iv ‖ tag ‖ ciphertext", () => {
    const box = new SecretBox(keyA);
    const sealed = box.seal("hello");
    expect(sealed.keyId).toBe(keyIdOf(keyA));
    expect(sealed.keyId).toMatch(/^[0-9a-f]{16}$/);
    expect(Buffer.from(sealed.ciphertext, "base64url").length).toBe(12 + 16 + 5);
    expect(sealed.ciphertext).not.toContain("hello");
  });

  it("uses a fresh iv each time, so equal plaintexts seal differently", () => {
    const box = new SecretBox(keyA);
    expect(box.seal("same").ciphertext).not.toBe(box.seal("same").ciphertext);
  });

  it.each([
    ["iv", 0],
    ["tag", 12],
    ["ciphertext", -1],
  ])("detects a change in the %s", (_part, index) => {
    const box = new SecretBox(keyA);
    const sealed = box.seal("secret value");
    const tampered = { ...sealed, ciphertext: flipByte(sealed.ciphertext, index) };
    expect(() => box.open(tampered)).toThrow(/failed authentication/);
  });

  it("rejects a truncated value", () => {
    const box = new SecretBox(keyA);
    expect(() => box.open({ keyId: box.keyId, ciphertext: "AAAA" })).toThrow(/truncated/);
  });

  it("refuses an unknown key id without revealing key material", () => {
    const sealed = new SecretBox(keyB).seal("secret");
    const box = new SecretBox(keyA);
    let message = "";
    try {
      box.open(sealed);
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).toMatch(/not loaded/);
    expect(message).toContain(sealed.keyId);
    for (const key of [keyA, keyB]) {
      expect(message).not.toContain(key.toString("base64"));
      expect(message).not.toContain(key.toString("hex"));
    }
  });

  it("binds the key id: a value relabelled with another loaded key's id does not open", () => {
    const box = new SecretBox(keyA, [keyB]);
    const sealed = box.seal("secret");
    expect(() => box.open({ ...sealed, keyId: keyIdOf(keyB) })).toThrow(/failed authentication/);
  });

  it("opens values sealed with an older key after rotation, and seals with the new one", () => {
    const sealedWithOld = new SecretBox(keyA).seal("old secret");
    const rotated = new SecretBox(keyB, [keyA]);
    expect(rotated.open(sealedWithOld)).toBe("old secret");
    const sealedWithNew = rotated.seal("new secret");
    expect(sealedWithNew.keyId).toBe(keyIdOf(keyB));
    expect(() => new SecretBox(keyA).open(sealedWithNew)).toThrow(/not loaded/);
  });

  it("rejects keys that are not 32 bytes", () => {
    expect(() => new SecretBox(randomBytes(16))).toThrow(/32 bytes/);
    expect(() => new SecretBox(keyA, [randomBytes(31)])).toThrow(/32 bytes/);
  });
});

import { randomBytes } from "node:crypto";
import { GatewayError } from "@gatehouse/protocol";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { EnvelopeBox } from "./envelope-box.js";
import { ENVELOPE_PREFIX, parseEnvelope, serializeEnvelope } from "./envelope-format.js";

const box = new EnvelopeBox(randomBytes(32));
const ctx = { tenantId: "t_1", recordId: "r_1", purpose: "test" };
const sample = box.seal(ctx, "secret value");
const text = serializeEnvelope(sample);
const [, keyId, wrappedKey, payload] = text.split(".") as [string, string, string, string];

describe("serializeEnvelope / parseEnvelope", () => {
  it("writes one dot-separated line with the version prefix", () => {
    expect(text).toMatch(/^env1\.[0-9a-f]{16}\.[A-Za-z0-9_-]{80}\.[A-Za-z0-9_-]+$/);
    expect(text.startsWith(ENVELOPE_PREFIX)).toBe(true);
  });

  it("round-trips every envelope the box seals", () => {
    fc.assert(
      fc.property(fc.string(), (plaintext) => {
        const envelope = box.seal(ctx, plaintext);
        expect(parseEnvelope(serializeEnvelope(envelope))).toEqual(envelope);
      }),
      { numRuns: 100 },
    );
  });

  it.each([
    ["an empty string", ""],
    ["another version", `env2.${text.slice(5)}`],
    ["no prefix", text.slice(5)],
    ["a missing field", `env1.${keyId}.${wrappedKey}`],
    ["an extra field", `${text}.AAAA`],
    ["an uppercase key id", `env1.${keyId.toUpperCase()}.${wrappedKey}.${payload}`],
    ["a short key id", `env1.${keyId.slice(1)}.${wrappedKey}.${payload}`],
    ["a short wrapped key", `env1.${keyId}.${wrappedKey.slice(4)}.${payload}`],
    ["a long wrapped key", `env1.${keyId}.${wrappedKey}AAAA.${payload}`],
    ["a truncated payload", `env1.${keyId}.${wrappedKey}.${"A".repeat(36)}`],
    ["an empty payload", `env1.${keyId}.${wrappedKey}.`],
    ["padding", `${text}==`],
    ["standard base64 characters", `env1.${keyId}.${wrappedKey}.${payload.slice(1)}+`],
    ["surrounding space", ` ${text}`],
    ["a trailing newline", `${text}\n`],
  ])("refuses %s", (_case, bad) => {
    expect(() => parseEnvelope(bad)).toThrow(GatewayError);
  });

  it("refuses non-canonical base64url (stray trailing bits)", () => {
    // 37 payload bytes end in a 2-character group whose second character carries 4 unused bits.
    const canonical = Buffer.alloc(37, 7).toString("base64url");
    const last = canonical.at(-1)!;
    const stray = canonical.slice(0, -1) + (last === "A" ? "B" : String.fromCharCode(last.charCodeAt(0) + 1));
    expect(Buffer.from(stray, "base64url")).toEqual(Buffer.from(canonical, "base64url"));
    expect(parseEnvelope(`env1.${keyId}.${wrappedKey}.${canonical}`).payload).toBe(canonical);
    expect(() => parseEnvelope(`env1.${keyId}.${wrappedKey}.${stray}`)).toThrow(/canonical/);
  });

  it("refuses arbitrary text without echoing it", () => {
    fc.assert(
      fc.property(fc.string({ minLength: 1 }), (junk) => {
        let message = "";
        try {
          parseEnvelope(junk);
        } catch (error) {
          expect((error as GatewayError).code).toBe("internal_error");
          message = (error as Error).message;
        }
        expect(message).toMatch(/^Cannot read an encrypted envelope/);
        if (junk.length > 8) expect(message).not.toContain(junk);
      }),
    );
  });
});

import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { hashOpaqueToken, newOpaqueToken } from "./opaque-tokens.js";

describe("newOpaqueToken", () => {
  it.each(["ghr", "ghp", "ghv", "ghi"])("makes %s_ + 43 base64url characters (32 bytes)", (prefix) => {
    const { token } = newOpaqueToken(prefix);
    expect(token).toMatch(new RegExp(`^${prefix}_[A-Za-z0-9_-]{43}$`));
    expect(Buffer.from(token.slice(prefix.length + 1), "base64url")).toHaveLength(32);
  });

  it("returns the SHA-256 hex of the whole token, which hashOpaqueToken reproduces", () => {
    const { token, hash } = newOpaqueToken("ghr");
    expect(hash).toMatch(/^[0-9a-f]{64}$/);
    expect(hash).toBe(createHash("sha256").update(token).digest("hex"));
    expect(hashOpaqueToken(token)).toBe(hash);
    expect(hashOpaqueToken(`${token}x`)).not.toBe(hash);
  });

  it("never repeats a token", () => {
    const seen = new Set(Array.from({ length: 10_000 }, () => newOpaqueToken("ghr").token));
    expect(seen.size).toBe(10_000);
  });

  it.each(["", "GHR", "gh_r", "g-r", "1gh"])("refuses the prefix %j", (prefix) => {
    expect(() => newOpaqueToken(prefix)).toThrow(RangeError);
  });
});

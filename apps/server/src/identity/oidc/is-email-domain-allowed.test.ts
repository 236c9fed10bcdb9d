import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { isEmailDomainAllowed } from "./is-email-domain-allowed.js";

const verified = (email: string) => ({ email, emailVerified: true });

describe("isEmailDomainAllowed", () => {
  it("matches the whole domain, case-insensitively", () => {
    expect(isEmailDomainAllowed(verified("Jane@Example.COM"), ["example.com"])).toBe(true);
    expect(isEmailDomainAllowed(verified("jane@corp.example.com"), ["example.com"])).toBe(false);
    expect(isEmailDomainAllowed(verified("jane@example.com"), ["corp.example.com"])).toBe(false);
    expect(isEmailDomainAllowed(verified("jane@example.com.evil.io"), ["example.com"])).toBe(false);
    expect(isEmailDomainAllowed(verified("a@b@example.com"), ["example.com"])).toBe(true);
    expect(isEmailDomainAllowed(verified("jane@"), ["example.com"])).toBe(false);
    expect(isEmailDomainAllowed({ emailVerified: true }, ["example.com"])).toBe(false);
  });

  it("requires a verified address unless told otherwise", () => {
    const unverified = { email: "jane@example.com", emailVerified: false };
    expect(isEmailDomainAllowed(unverified, ["example.com"])).toBe(false);
    expect(isEmailDomainAllowed(unverified, ["example.com"], { requireVerified: false })).toBe(true);
  });

  it("allows everyone without a list", () => {
    expect(isEmailDomainAllowed({ emailVerified: false }, undefined)).toBe(true);
    expect(isEmailDomainAllowed({ emailVerified: false }, [])).toBe(true);
  });

  it("admits an address exactly when its domain is listed, in any case", () => {
    const label = fc.stringMatching(/^[a-z0-9-]{1,10}$/);
    const domain = fc.array(label, { minLength: 1, maxLength: 3 }).map((l) => `${l.join(".")}.com`);
    fc.assert(
      fc.property(
        label,
        domain,
        fc.array(domain, { maxLength: 4 }),
        fc.boolean(),
        (local, own, listed, upper) => {
          const email = `${local}@${upper ? own.toUpperCase() : own}`;
          const allowed = [...listed, ...(listed.length > 0 ? [] : ["other.org"])];
          expect(isEmailDomainAllowed(verified(email), allowed)).toBe(allowed.includes(own));
        },
      ),
    );
  });
});

import { describe, expect, it } from "vitest";
import { createPasswordHasher, OWASP_ARGON2ID } from "./password-hasher.js";

// Small memory so the suite stays fast; the algorithm and encoding are the same as production.
const fast = { memoryCost: 1024, timeCost: 1 };

describe("createPasswordHasher", () => {
  const hasher = createPasswordHasher(fast);

  it("verifies the password it hashed and refuses another", async () => {
    const stored = await hasher.hash("correct horse battery staple");
    expect(await hasher.verify(stored, "correct horse battery staple")).toBe(true);
    expect(await hasher.verify(stored, "correct horse battery stapler")).toBe(false);
  });

  it("produces an argon2id PHC string with its parameters and a fresh salt", async () => {
    const a = await hasher.hash("pw");
    const b = await hasher.hash("pw");
    expect(a.startsWith("$argon2id$v=19$m=1024,t=1,p=1$")).toBe(true);
    expect(a).not.toBe(b);
  });

  it("uses the OWASP parameters by default", async () => {
    const stored = await createPasswordHasher().hash("pw");
    const { memoryCost, timeCost, parallelism } = OWASP_ARGON2ID;
    expect(stored.startsWith(`$argon2id$v=19$m=${memoryCost},t=${timeCost},p=${parallelism}$`)).toBe(true);
  });

  it.each([
    "",
    "not a hash",
    "$argon2id$",
    "$argon2id$v=19$m=1024,t=1,p=1$!!!$???",
    "$2b$10$abcdefghijklmnopqrstuuPdKXhFHxbuq0Pq9mH0xKjHXTc2wVVOa",
  ])("answers false, without throwing, for the malformed hash %j", async (bad) => {
    expect(await hasher.verify(bad, "pw")).toBe(false);
    expect(hasher.needsRehash(bad)).toBe(true);
  });

  it("asks for a rehash when the stored hash is weaker than the policy, not when it matches", async () => {
    const weak = await createPasswordHasher({ memoryCost: 512, timeCost: 1 }).hash("pw");
    expect(hasher.needsRehash(weak)).toBe(true);
    expect(hasher.needsRehash(await hasher.hash("pw"))).toBe(false);
    expect(createPasswordHasher({ ...fast, timeCost: 3 }).needsRehash(await hasher.hash("pw"))).toBe(true);
  });

  it("verifies against nothing: always false, and the dummy hash is reused", async () => {
    expect(await hasher.verifyAgainstNothing("pw")).toBe(false);
    expect(await hasher.verifyAgainstNothing("")).toBe(false);
  });

  it("spends about as long on an unknown account as on a wrong password", async () => {
    // Timing on a shared CI box is noisy: assert only the order of magnitude, which is what an
    // attacker could tell apart (a skipped verify is thousands of times faster).
    const slow = createPasswordHasher({ memoryCost: 8192, timeCost: 2 });
    const stored = await slow.hash("pw");
    await slow.verifyAgainstNothing("warm-up"); // the first call also makes the dummy hash
    const time = async (fn: () => Promise<unknown>) => {
      const start = performance.now();
      for (let i = 0; i < 3; i++) await fn();
      return performance.now() - start;
    };
    const real = await time(() => slow.verify(stored, "wrong"));
    const dummy = await time(() => slow.verifyAgainstNothing("wrong"));
    expect(dummy).toBeGreaterThan(real / 10);
    expect(dummy).toBeLessThan(real * 10);
  });
});

import { randomBytes } from "node:crypto";
import { type Algorithm, hash, parseOptions, verify } from "@node-rs/argon2";

/**
 * Argon2id. The package declares `Algorithm` as an ambient `const enum`: TypeScript refuses to read it
 * under `verbatimModuleSyntax` (TS2748), and at runtime the exported object is empty, so
 * `Algorithm.Argon2id` would be `undefined` and silently fall back to the library default. The value
 * is the one `index.d.ts` declares; a test checks the produced hash is `$argon2id$`.
 */
const ARGON2ID = 2 as Algorithm;

/** Argon2id cost parameters. */
export interface PasswordHasherOptions {
  /** Memory per hash, in KiB. Default 19456 (19 MiB), OWASP's minimum for argon2id. */
  memoryCost?: number;
  /** Passes over memory. Default 2. */
  timeCost?: number;
  /** Lanes. Default 1. */
  parallelism?: number;
}

/** Hashes and checks user passwords. */
export interface PasswordHasher {
  /** A PHC string (`$argon2id$v=19$m=…,t=…,p=…$salt$hash`) with a fresh random salt. */
  hash(password: string): Promise<string>;
  /** Whether the password matches; false (never a throw) for a malformed or foreign hash string. */
  verify(hash: string, password: string): Promise<boolean>;
  /** Whether a stored hash was made with other parameters than the current ones (rehash on next login). */
  needsRehash(hash: string): boolean;
  /**
   * Spends the time of a real `verify` and answers false. Call it when the email is unknown, so that a
   * login for a missing account takes as long as one with a wrong password (no timing-based enumeration).
   */
  verifyAgainstNothing(password: string): Promise<false>;
}

/**
 * OWASP Password Storage Cheat Sheet, argon2id option 5 (m=19 MiB, t=2, p=1).
 * @see https://cheatsheetseries.owasp.org/cheatsheets/Password_Storage_Cheat_Sheet.html#argon2id
 */
export const OWASP_ARGON2ID = { memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

/**
 * A password hasher on argon2id with the OWASP parameters unless overridden (tests pass a small
 * `memoryCost` for speed).
 *
 * @example
 * const hasher = createPasswordHasher();
 * const stored = await hasher.hash("correct horse battery staple");
 * if (await hasher.verify(stored, attempt) && hasher.needsRehash(stored)) save(await hasher.hash(attempt));
 */
export function createPasswordHasher(options: PasswordHasherOptions = {}): PasswordHasher {
  const params = {
    memoryCost: options.memoryCost ?? OWASP_ARGON2ID.memoryCost,
    timeCost: options.timeCost ?? OWASP_ARGON2ID.timeCost,
    parallelism: options.parallelism ?? OWASP_ARGON2ID.parallelism,
    algorithm: ARGON2ID,
  };
  // Made on first use, with these same parameters, so a dummy verify costs exactly a real one. Held in
  // the hasher, not the module: each hasher's cost matches its own parameters.
  let dummyHash: Promise<string> | undefined;

  const safeVerify = async (stored: string, password: string): Promise<boolean> => {
    try {
      return await verify(stored, password);
    } catch {
      // A corrupt or non-argon2 string in the store is a failed login, not a 500.
      return false;
    }
  };

  return {
    hash: (password) => hash(password, params),
    verify: safeVerify,
    needsRehash(stored) {
      try {
        const parsed = parseOptions(stored);
        return (
          parsed.algorithm !== ARGON2ID ||
          parsed.memoryCost !== params.memoryCost ||
          parsed.timeCost !== params.timeCost ||
          parsed.parallelism !== params.parallelism
        );
      } catch {
        // Not a hash we can read: whatever it is, it is not the current policy.
        return true;
      }
    },
    async verifyAgainstNothing(password) {
      dummyHash ??= hash(randomBytes(32).toString("base64url"), params);
      await safeVerify(await dummyHash, password);
      return false;
    },
  };
}

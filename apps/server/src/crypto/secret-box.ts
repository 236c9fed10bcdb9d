import { createCipheriv, createDecipheriv, randomBytes } from "node:crypto";
import { GatewayError } from "@gatehouse/protocol";
import type { SealedSecret } from "../domain/sealed-secret.js";
import { deriveKey } from "./derive-key.js";
import { keyIdOf } from "./key-id-of.js";

const KEY_BYTES = 32;
const IV_BYTES = 12;
const TAG_BYTES = 16;

/**
 * Seals provider credentials with AES-256-GCM (DESIGN.md invariant 6). A sealed secret is the base64url of
 * iv ‖ tag ‖ ciphertext plus the id of the key that sealed it; the key id is also bound as additional
 * authenticated data, so a ciphertext cannot be passed off under another key's id. Older keys are kept
 * for opening only, which is how keys rotate: add a new current key, keep the old one until every secret
 * has been re-sealed. See https://nodejs.org/api/crypto.html#class-cipher (GCM: 12-byte iv, 16-byte tag).
 *
 * Errors never contain key material or plaintext.
 *
 * @example
 * const box = new SecretBox(newKey, [oldKey]);
 * const sealed = box.seal(JSON.stringify({ apiKey: "sk-..." }));
 * JSON.parse(box.open(sealed));
 */
export class SecretBox {
  /** The id of the current key, the one `seal` uses. */
  readonly keyId: string;
  readonly #current: Buffer;
  readonly #keys: ReadonlyMap<string, Buffer>;

  constructor(currentKey: Buffer, olderKeys: readonly Buffer[] = []) {
    for (const key of [currentKey, ...olderKeys]) {
      if (key.length !== KEY_BYTES) {
        throw new GatewayError(
          "internal_error",
          `An encryption key must be ${KEY_BYTES} bytes, not ${key.length}.`,
        );
      }
    }
    this.#current = currentKey;
    this.keyId = keyIdOf(currentKey);
    this.#keys = new Map([...olderKeys, currentKey].map((key) => [keyIdOf(key), key]));
  }

  /**
   * A key for another purpose (signing access tokens, say), derived from the current master key with
   * HKDF-SHA256: the master key itself never leaves the box, and each purpose gets an unrelated key.
   */
  derive(purpose: string): Buffer {
    return deriveKey(this.#current, purpose);
  }

  /** Encrypts a string under the current key with a fresh random iv. */
  seal(plaintext: string): SealedSecret {
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv("aes-256-gcm", this.#current, iv);
    cipher.setAAD(Buffer.from(this.keyId, "utf8"));
    const body = Buffer.concat([cipher.update(plaintext, "utf8"), cipher.final()]);
    const ciphertext = Buffer.concat([iv, cipher.getAuthTag(), body]).toString("base64url");
    return { keyId: this.keyId, ciphertext };
  }

  /** Decrypts a sealed secret; throws when its key is not loaded or it was altered. */
  open(sealed: SealedSecret): string {
    const key = this.#keys.get(sealed.keyId);
    if (!key) {
      throw new GatewayError(
        "internal_error",
        `Cannot open a secret sealed with encryption key id '${sealed.keyId}': that key is not loaded.`,
      );
    }
    const raw = Buffer.from(sealed.ciphertext, "base64url");
    if (raw.length < IV_BYTES + TAG_BYTES) {
      throw new GatewayError("internal_error", "Cannot open a secret: the sealed value is truncated.");
    }
    try {
      const decipher = createDecipheriv("aes-256-gcm", key, raw.subarray(0, IV_BYTES));
      decipher.setAAD(Buffer.from(sealed.keyId, "utf8"));
      decipher.setAuthTag(raw.subarray(IV_BYTES, IV_BYTES + TAG_BYTES));
      const body = raw.subarray(IV_BYTES + TAG_BYTES);
      return Buffer.concat([decipher.update(body), decipher.final()]).toString("utf8");
    } catch {
      // The cause (OpenSSL's "unable to authenticate data") adds nothing and is dropped on purpose.
      throw new GatewayError(
        "internal_error",
        "Cannot open a secret: it failed authentication (altered data).",
      );
    }
  }
}

import { GatewayError } from "@gatehouse/protocol";

const KEY_BYTES = 32;
/** Standard or URL-safe base64, padding optional; anything else is rejected rather than half-decoded. */
const BASE64 = /^[A-Za-z0-9+/_-]+={0,2}$/;

/**
 * Decodes an encryption key given as base64 (e.g. GATEHOUSE_ENCRYPTION_KEY, or the key file's content):
 * exactly 32 bytes, standard or URL-safe alphabet, surrounding whitespace ignored. The error never echoes
 * the value. Generate one with `openssl rand -base64 32`.
 *
 * @example
 * const key = parseKeyMaterial(process.env.GATEHOUSE_ENCRYPTION_KEY ?? "");
 */
export function parseKeyMaterial(base64: string): Buffer {
  const text = base64.trim();
  const key = BASE64.test(text) ? Buffer.from(text, "base64") : Buffer.alloc(0);
  if (key.length !== KEY_BYTES) {
    throw new GatewayError(
      "internal_error",
      `The encryption key must be ${KEY_BYTES} bytes encoded in base64 (e.g. from 'openssl rand -base64 32').`,
    );
  }
  return key;
}

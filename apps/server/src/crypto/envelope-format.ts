import { GatewayError } from "@gatehouse/protocol";

/** AES-GCM framing shared by both layers of an envelope: a 12-byte iv, then the 16-byte tag. */
export const GCM_IV_BYTES = 12;
export const GCM_TAG_BYTES = 16;
/** A data key is an AES-256 key. */
export const DATA_KEY_BYTES = 32;
/** The version prefix of the serialised form; a later format gets a new prefix, never a reinterpretation. */
export const ENVELOPE_PREFIX = "env1.";

const WRAPPED_KEY_BYTES = GCM_IV_BYTES + GCM_TAG_BYTES + DATA_KEY_BYTES;
const MIN_PAYLOAD_BYTES = GCM_IV_BYTES + GCM_TAG_BYTES;
const KEY_ID = /^[0-9a-f]{16}$/;
const BASE64URL = /^[A-Za-z0-9_-]+$/;

/**
 * A record encrypted under its own data key, the data key wrapped under a master key. Nothing here is
 * secret on its own; `open` needs the master key and the record's context.
 */
export interface Envelope {
  /** The id (`keyIdOf`) of the master key that wrapped the data key. */
  readonly keyId: string;
  /** base64url of iv ‖ tag ‖ the 32-byte data key encrypted under the master key. */
  readonly wrappedKey: string;
  /** base64url of iv ‖ tag ‖ the record's plaintext encrypted under the data key. */
  readonly payload: string;
}

/**
 * The envelope as one text column: `env1.<keyId>.<wrappedKey>.<payload>`. base64url never contains a dot,
 * so the fields split without escaping.
 *
 * @example
 * serializeEnvelope(box.seal(ctx, "sk-...")); // "env1.66687aadf862bd77.Zm9v....YmFy..."
 */
export function serializeEnvelope(envelope: Envelope): string {
  return `${ENVELOPE_PREFIX}${envelope.keyId}.${envelope.wrappedKey}.${envelope.payload}`;
}

/**
 * Reads a serialised envelope back, strictly: the version prefix, a 16-hex key id, a wrapped key of exactly
 * iv + tag + 32 bytes, a payload of at least iv + tag, and canonical base64url (re-encoding gives the same
 * text), so one stored value has exactly one spelling. Throws `internal_error` — the value comes from our
 * own store, so a bad one is our fault — without echoing the value.
 *
 * @example
 * box.open(ctx, parseEnvelope(row.credentials));
 */
export function parseEnvelope(text: string): Envelope {
  if (!text.startsWith(ENVELOPE_PREFIX)) throw malformed("it does not start with 'env1.'");
  const parts = text.slice(ENVELOPE_PREFIX.length).split(".");
  if (parts.length !== 3) throw malformed("it does not have three dot-separated fields");
  const [keyId, wrappedKey, payload] = parts as [string, string, string];
  if (!KEY_ID.test(keyId)) throw malformed("the key id is not 16 lowercase hex characters");
  if (decodedLength(wrappedKey, "wrapped key") !== WRAPPED_KEY_BYTES)
    throw malformed(`the wrapped key is not ${WRAPPED_KEY_BYTES} bytes`);
  if (decodedLength(payload, "payload") < MIN_PAYLOAD_BYTES) throw malformed("the payload is truncated");
  return { keyId, wrappedKey, payload };
}

/** The byte length of a canonical base64url field; throws when it is not canonical base64url. */
function decodedLength(field: string, name: string): number {
  if (!BASE64URL.test(field)) throw malformed(`the ${name} is not base64url`);
  const bytes = Buffer.from(field, "base64url");
  // Node's decoder ignores stray trailing bits; a round trip catches them.
  if (bytes.toString("base64url") !== field) throw malformed(`the ${name} is not canonical base64url`);
  return bytes.length;
}

function malformed(reason: string): GatewayError {
  return new GatewayError("internal_error", `Cannot read an encrypted envelope: ${reason}.`);
}

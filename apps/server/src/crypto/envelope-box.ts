import { createCipheriv, createDecipheriv, randomBytes } from "node:crypto";
import { GatewayError } from "@gatehouse/protocol";
import { DATA_KEY_BYTES, type Envelope, GCM_IV_BYTES, GCM_TAG_BYTES } from "./envelope-format.js";
import { keyIdOf } from "./key-id-of.js";

/**
 * What a sealed record belongs to. All three are bound as associated data, so a ciphertext copied into
 * another tenant's row, another record, or another column does not open there.
 */
export interface EnvelopeContext {
  readonly tenantId: string;
  readonly recordId: string;
  /** What the secret is for, e.g. "provider_credentials" or "sso_client_secret". */
  readonly purpose: string;
}

/** Separates this format's associated data from any other use of the same keys. */
const DOMAIN = "gatehouse.envelope.v1";

/**
 * Envelope encryption for tenant secrets (DESIGN.md invariant 6): each record gets its own random 32-byte
 * data key that seals the plaintext with AES-256-GCM; the data key is itself sealed ("wrapped") under the
 * master key, whose id is recorded. Rotating the master key then only re-wraps 60 bytes per record
 * (`rewrap`), never touches the payload, and can run while the gateway serves traffic: older master keys
 * stay loaded for opening until every envelope reports `needsRewrap(...) === false`.
 *
 * The associated data is the JSON of a fixed tuple — unambiguous for any strings — binding the context to
 * the payload and the master key id plus the context to the wrapped key.
 * See https://nodejs.org/api/crypto.html#class-cipher (GCM: 12-byte iv, 16-byte tag) and NIST SP 800-38D.
 *
 * Errors are `internal_error` and never contain plaintext, key bytes or the data key.
 *
 * @example
 * const box = new EnvelopeBox(newMaster, [oldMaster]);
 * const ctx = { tenantId: "t_1", recordId: "prov_9", purpose: "provider_credentials" };
 * const text = serializeEnvelope(box.seal(ctx, JSON.stringify({ apiKey: "sk-..." })));
 * JSON.parse(box.open(ctx, parseEnvelope(text)));
 */
export class EnvelopeBox {
  /** The id of the current master key, the one `seal` and `rewrap` wrap under. */
  readonly keyId: string;
  readonly #current: Buffer;
  readonly #masters: ReadonlyMap<string, Buffer>;

  constructor(currentMaster: Buffer, olderMasters: readonly Buffer[] = []) {
    for (const key of [currentMaster, ...olderMasters]) {
      if (key.length !== DATA_KEY_BYTES) {
        throw new GatewayError(
          "internal_error",
          `A master key must be ${DATA_KEY_BYTES} bytes, not ${key.length}.`,
        );
      }
    }
    this.#current = currentMaster;
    this.keyId = keyIdOf(currentMaster);
    this.#masters = new Map([...olderMasters, currentMaster].map((key) => [keyIdOf(key), key]));
  }

  /** Seals a record's plaintext under a fresh data key, wrapped under the current master key. */
  seal(context: EnvelopeContext, plaintext: string): Envelope {
    const aad = payloadAad(context);
    const dataKey = randomBytes(DATA_KEY_BYTES);
    try {
      const payload = encrypt(dataKey, Buffer.from(plaintext, "utf8"), aad);
      return { keyId: this.keyId, wrappedKey: this.#wrap(context, dataKey), payload };
    } finally {
      dataKey.fill(0);
    }
  }

  /** Opens a record; throws when the context differs, any byte was altered, or its master key is not loaded. */
  open(context: EnvelopeContext, envelope: Envelope): string {
    const aad = payloadAad(context);
    const dataKey = this.#unwrap(context, envelope);
    try {
      return decrypt(dataKey, envelope.payload, aad).toString("utf8");
    } finally {
      dataKey.fill(0);
    }
  }

  /**
   * The same envelope with its data key wrapped under the current master key; the payload is returned
   * unchanged (not even decrypted). Checks the wrapped key against the context, so a misplaced envelope is
   * refused here rather than re-wrapped. Always re-wraps, also when the key is already current.
   */
  rewrap(context: EnvelopeContext, envelope: Envelope): Envelope {
    const dataKey = this.#unwrap(context, envelope);
    try {
      return { keyId: this.keyId, wrappedKey: this.#wrap(context, dataKey), payload: envelope.payload };
    } finally {
      dataKey.fill(0);
    }
  }

  /** Whether the master key with this id is loaded (current or older). */
  canOpen(keyId: string): boolean {
    return this.#masters.has(keyId);
  }

  /** Whether the envelope was wrapped under a master key other than the current one. */
  needsRewrap(envelope: Envelope): boolean {
    return envelope.keyId !== this.keyId;
  }

  #wrap(context: EnvelopeContext, dataKey: Buffer): string {
    return encrypt(this.#current, dataKey, wrapAad(this.keyId, context));
  }

  #unwrap(context: EnvelopeContext, envelope: Envelope): Buffer {
    const master = this.#masters.get(envelope.keyId);
    if (!master) {
      throw new GatewayError(
        "internal_error",
        `Cannot open an envelope wrapped with master key id '${printableKeyId(envelope.keyId)}': that key is not loaded.`,
      );
    }
    const dataKey = decrypt(master, envelope.wrappedKey, wrapAad(envelope.keyId, context));
    if (dataKey.length !== DATA_KEY_BYTES) {
      // Unreachable without the master key (the wrap is authenticated), but never use a short key.
      dataKey.fill(0);
      throw refused();
    }
    return dataKey;
  }
}

function payloadAad(context: EnvelopeContext): Buffer {
  checkContext(context);
  return Buffer.from(
    JSON.stringify([DOMAIN, "payload", context.tenantId, context.recordId, context.purpose]),
  );
}

function wrapAad(keyId: string, context: EnvelopeContext): Buffer {
  checkContext(context);
  return Buffer.from(
    JSON.stringify([DOMAIN, "data-key", keyId, context.tenantId, context.recordId, context.purpose]),
  );
}

/** An empty id would let rows without an id share ciphertexts; that is a bug in the caller. */
function checkContext(context: EnvelopeContext): void {
  for (const field of ["tenantId", "recordId", "purpose"] as const) {
    const value: unknown = context[field];
    if (typeof value !== "string" || value.length === 0) {
      throw new GatewayError("internal_error", `An envelope context needs a non-empty ${field}.`);
    }
  }
}

/** AES-256-GCM with a fresh iv; returns base64url of iv ‖ tag ‖ ciphertext. */
function encrypt(key: Buffer, plaintext: Buffer, aad: Buffer): string {
  const iv = randomBytes(GCM_IV_BYTES);
  const cipher = createCipheriv("aes-256-gcm", key, iv);
  cipher.setAAD(aad);
  const body = Buffer.concat([cipher.update(plaintext), cipher.final()]);
  return Buffer.concat([iv, cipher.getAuthTag(), body]).toString("base64url");
}

function decrypt(key: Buffer, sealed: string, aad: Buffer): Buffer {
  if (typeof sealed !== "string") throw refused();
  const raw = Buffer.from(sealed, "base64url");
  if (raw.length < GCM_IV_BYTES + GCM_TAG_BYTES) throw refused();
  try {
    const decipher = createDecipheriv("aes-256-gcm", key, raw.subarray(0, GCM_IV_BYTES), {
      authTagLength: GCM_TAG_BYTES,
    });
    decipher.setAAD(aad);
    decipher.setAuthTag(raw.subarray(GCM_IV_BYTES, GCM_IV_BYTES + GCM_TAG_BYTES));
    return Buffer.concat([decipher.update(raw.subarray(GCM_IV_BYTES + GCM_TAG_BYTES)), decipher.final()]);
  } catch {
    // OpenSSL's "unable to authenticate data" adds nothing and is dropped on purpose.
    throw refused();
  }
}

function refused(): GatewayError {
  return new GatewayError(
    "internal_error",
    "Cannot open an envelope: it failed authentication (altered data, or it belongs to another tenant, record or purpose).",
  );
}

/** The key id comes from stored data; show it only when it has the shape of a key id. */
function printableKeyId(keyId: string): string {
  return /^[0-9a-f]{16}$/.test(keyId) ? keyId : "(malformed)";
}

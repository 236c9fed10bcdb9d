import { GatewayError } from "@gatehouse/protocol";
import type { SealedSecret } from "../domain/sealed-secret.js";
import { EnvelopeBox, type EnvelopeContext } from "./envelope-box.js";
import { ENVELOPE_PREFIX, parseEnvelope, serializeEnvelope } from "./envelope-format.js";
import type { SecretBox } from "./secret-box.js";

/** The record a credential belongs to; bound into the envelope as associated data. */
export interface CredentialOwner {
  readonly tenantId: string;
  readonly recordId: string;
}

/** Where the vault's master keys come from: a fixed list, or a key ring file that may change. */
export interface MasterKeySource {
  /** The keys, current first. */
  load(): Buffer[];
  /** Changes when `load()` would answer differently (a rotation replaced the file). */
  stamp(): string;
}

/** What the HKDF purpose of the default master key is (derived from the installation key). */
export const CREDENTIALS_KEY_PURPOSE = "provider-credentials";
const PURPOSE = "provider_credentials";

/**
 * Seals and opens provider credentials (DESIGN.md invariant 6). New credentials are envelopes: a random
 * data key per record encrypts the secret with AES-256-GCM, the data key is wrapped under the current
 * master key, and the tenant id, record id and purpose are associated data, so a ciphertext moved to
 * another row or tenant does not open. Credentials sealed before envelopes existed (the installation
 * key's `SecretBox`) still open; the two formats are told apart by the `env1.` prefix of the stored text
 * (the old format is bare base64url, which has no dot).
 *
 * The master keys come from a {@link MasterKeySource}. A running server picks up a rotation by itself:
 * before sealing it checks the source's stamp, and an envelope under a key it has not loaded makes it
 * reload once. So `gatehouse credentials rotate-key` runs while servers keep serving.
 *
 * @example
 * const vault = new CredentialVault(secretBox, new KeyRingFile(path, secretBox.derive("provider-credentials")));
 * const sealed = vault.seal({ tenantId, recordId: providerId }, JSON.stringify({ apiKey }));
 * JSON.parse(vault.open({ tenantId, recordId: providerId }, sealed));
 */
export class CredentialVault {
  #box: EnvelopeBox;
  #stamp: string;

  constructor(
    private readonly legacy: SecretBox,
    private readonly masters: MasterKeySource,
  ) {
    this.#stamp = masters.stamp();
    this.#box = boxOf(masters.load());
  }

  /** A vault whose only master key is derived from the installation key (tests, embedders). */
  static derivedFrom(legacy: SecretBox): CredentialVault {
    const key = legacy.derive(CREDENTIALS_KEY_PURPOSE);
    return new CredentialVault(legacy, { load: () => [key], stamp: () => "fixed" });
  }

  /**
   * Seals a credential's plaintext as an envelope under the current master key. `purpose` (bound as
   * associated data) keeps other secrets sealed by the same keys (prompt captures) from opening as
   * credentials, and the other way round.
   */
  seal(owner: CredentialOwner, plaintext: string, purpose: string = PURPOSE): SealedSecret {
    this.#refreshIfChanged();
    const envelope = this.#box.seal(contextOf(owner, purpose), plaintext);
    return { keyId: envelope.keyId, ciphertext: serializeEnvelope(envelope) };
  }

  /** Opens either format; throws `internal_error` (never with secret material) when it cannot. */
  open(owner: CredentialOwner, sealed: SealedSecret, purpose: string = PURPOSE): string {
    if (!isEnvelope(sealed)) {
      if (purpose !== PURPOSE)
        throw new GatewayError("internal_error", "The sealed secret is not an envelope.");
      return this.legacy.open(sealed);
    }
    const envelope = parseEnvelope(sealed.ciphertext);
    this.#loadKeyOf(envelope.keyId);
    return this.#box.open(contextOf(owner, purpose), envelope);
  }

  /** Whether `reseal` would change it: the old format, or an envelope under an older master key. */
  needsReseal(sealed: SealedSecret): boolean {
    this.#refreshIfChanged();
    return !isEnvelope(sealed) || sealed.keyId !== this.#box.keyId;
  }

  /**
   * The credential wrapped under the current master key: an envelope's data key is re-wrapped (its
   * payload is not even decrypted); the old format is opened and sealed as a new envelope.
   */
  reseal(owner: CredentialOwner, sealed: SealedSecret, purpose: string = PURPOSE): SealedSecret {
    if (!isEnvelope(sealed)) return this.seal(owner, this.legacy.open(sealed));
    const envelope = parseEnvelope(sealed.ciphertext);
    this.#loadKeyOf(envelope.keyId);
    const next = this.#box.rewrap(contextOf(owner, purpose), envelope);
    return { keyId: next.keyId, ciphertext: serializeEnvelope(next) };
  }

  /** Re-reads the master keys now. */
  reload(): void {
    this.#stamp = this.masters.stamp();
    this.#box = boxOf(this.masters.load());
  }

  #refreshIfChanged(): void {
    if (this.masters.stamp() !== this.#stamp) this.reload();
  }

  /** A key id the box does not know may come from a rotation that ran since the keys were loaded. */
  #loadKeyOf(keyId: string): void {
    if (!this.#box.canOpen(keyId)) this.reload();
  }
}

function boxOf(keys: Buffer[]): EnvelopeBox {
  const [current, ...older] = keys;
  if (current === undefined) throw new GatewayError("internal_error", "No master key is loaded.");
  return new EnvelopeBox(current, older);
}

function contextOf(owner: CredentialOwner, purpose: string = PURPOSE): EnvelopeContext {
  return { tenantId: owner.tenantId, recordId: owner.recordId, purpose };
}

function isEnvelope(sealed: SealedSecret): boolean {
  return sealed.ciphertext.startsWith(ENVELOPE_PREFIX);
}

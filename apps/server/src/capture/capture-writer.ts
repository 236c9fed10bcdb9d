import type { Logger } from "pino";
import type { CredentialVault } from "../crypto/credential-vault.js";
import type { SealedCapture } from "../domain/capture-settings.js";
import type { Store } from "../store/store.js";
import type { CaptureTap } from "./capture-tap.js";

/** The envelope purpose of captured bodies (associated data: they never open as credentials). */
export const CAPTURE_PURPOSE = "prompt_capture";

/** Whose request a capture is: the usage record's id, tenant and workspace. */
export interface CaptureOwner {
  id: string;
  tenantId: string;
  workspaceId: string;
  createdAt: number;
}

/**
 * Stores captures after the answer (off the client's path, as the meter step): each body sealed in its
 * own envelope bound to the tenant and request id (a ciphertext moved to another row does not open).
 * A failure is logged and dropped: capture never fails or delays a request.
 *
 * @example
 * rt.captures?.write({ id, tenantId, workspaceId, createdAt }, tap);
 */
export class CaptureWriter {
  constructor(
    private readonly store: Store,
    private readonly vault: CredentialVault,
    private readonly logger: Logger,
  ) {}

  /** Seals and inserts one capture in the background; resolves when done (tests await it). */
  write(owner: CaptureOwner, tap: CaptureTap): Promise<void> {
    return this.#write(owner, tap).catch((err) => {
      this.logger.warn({ reqId: owner.id, err }, "prompt capture not stored");
    });
  }

  async #write(owner: CaptureOwner, tap: CaptureTap): Promise<void> {
    // After the answer's last write: sealing costs CPU, and the client must not wait for it.
    await new Promise((resolve) => setImmediate(resolve));
    const request = tap.requestBytes();
    const response = tap.responseBytes();
    const who = { tenantId: owner.tenantId, recordId: owner.id };
    const sealedRequest = this.vault.seal(who, request.bytes.toString("utf8"), CAPTURE_PURPOSE);
    const sealedResponse =
      response && this.vault.seal(who, response.bytes.toString("utf8"), `${CAPTURE_PURPOSE}.response`);
    const row: SealedCapture = {
      ...owner,
      keyId: sealedRequest.keyId,
      requestBody: sealedRequest.ciphertext,
      responseBody: sealedResponse?.ciphertext ?? null,
      requestBytes: request.size,
      responseBytes: response?.size ?? 0,
      requestTruncated: request.truncated,
      responseTruncated: response?.truncated ?? false,
    };
    await this.store.captures.insert(row);
  }
}

/**
 * A capture's bodies re-wrapped under the vault's current master key (their payloads are not decrypted),
 * for a key rotation.
 */
export function resealCapture(
  vault: CredentialVault,
  c: SealedCapture,
): Pick<SealedCapture, "keyId" | "requestBody" | "responseBody"> {
  const who = { tenantId: c.tenantId, recordId: c.id };
  const request = vault.reseal(who, { keyId: c.keyId, ciphertext: c.requestBody }, CAPTURE_PURPOSE);
  const response =
    c.responseBody === null
      ? null
      : vault.reseal(who, { keyId: c.keyId, ciphertext: c.responseBody }, `${CAPTURE_PURPOSE}.response`)
          .ciphertext;
  return { keyId: request.keyId, requestBody: request.ciphertext, responseBody: response };
}

/** The plaintext of a stored capture's bodies (the control plane's read). */
export function openCapture(
  vault: CredentialVault,
  c: SealedCapture,
): { request: string; response: string | null } {
  const who = { tenantId: c.tenantId, recordId: c.id };
  return {
    request: vault.open(who, { keyId: c.keyId, ciphertext: c.requestBody }, CAPTURE_PURPOSE),
    response:
      c.responseBody === null
        ? null
        : vault.open(who, { keyId: c.keyId, ciphertext: c.responseBody }, `${CAPTURE_PURPOSE}.response`),
  };
}

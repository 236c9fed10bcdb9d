import type { SealedStoredResponse } from "../domain/stored-response.js";
import type { CredentialVault } from "./credential-vault.js";

/** The envelope purpose of stored responses (associated data: they never open as credentials). */
export const STORED_RESPONSE_PURPOSE = "stored_response";

/**
 * A stored Responses API answer's payload re-wrapped under the vault's current master key (not
 * decrypted), for a key rotation (docs/security.md). Here, below both the data plane that seals them and
 * the rotation service, so neither reaches into the other.
 */
export function resealStoredResponse(
  vault: CredentialVault,
  r: SealedStoredResponse,
): Pick<SealedStoredResponse, "keyId" | "payload"> {
  const who = { tenantId: r.tenantId, recordId: r.id };
  const next = vault.reseal(who, { keyId: r.keyId, ciphertext: r.payload }, STORED_RESPONSE_PURPOSE);
  return { keyId: next.keyId, payload: next.ciphertext };
}

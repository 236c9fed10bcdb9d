export {
  CREDENTIALS_KEY_PURPOSE,
  type CredentialOwner,
  CredentialVault,
  type MasterKeySource,
} from "./credential-vault.js";
export { deriveKey } from "./derive-key.js";
export { EnvelopeBox, type EnvelopeContext } from "./envelope-box.js";
export { type Envelope, parseEnvelope, serializeEnvelope } from "./envelope-format.js";
export { keyIdOf } from "./key-id-of.js";
export { KeyRingFile } from "./key-ring-file.js";
export { lastFour } from "./last-four.js";
export { loadOrCreateKeyFile } from "./load-or-create-key-file.js";
export { parseKeyMaterial } from "./parse-key-material.js";
export { SecretBox } from "./secret-box.js";

/** Provider credentials as stored: AES-256-GCM ciphertext and the id of the key that sealed it. */
export interface SealedSecret {
  keyId: string;
  /** base64url of iv ‖ tag ‖ ciphertext. */
  ciphertext: string;
}

import { lastFour } from "../crypto/last-four.js";
import type { ProviderCredentials } from "./upstream-target.js";

/**
 * The "…1234" shown for a provider's credentials: the last four characters of the secret a person would
 * recognise (the API key, else the AWS secret key, else the service account key's id); null when there is
 * none. See {@link lastFour} for short secrets.
 *
 * @example
 * credentialHint({ apiKey: "sk-proj-abcdefghijklmnop1234" }); // "…1234"
 */
export function credentialHint(credentials: ProviderCredentials): string | null {
  const secret = credentials.apiKey ?? credentials.secretAccessKey ?? serviceAccountKeyId(credentials);
  return secret === undefined || secret === "" ? null : lastFour(secret);
}

function serviceAccountKeyId(credentials: ProviderCredentials): string | undefined {
  if (credentials.serviceAccountJson === undefined) return undefined;
  try {
    const id = (JSON.parse(credentials.serviceAccountJson) as { private_key_id?: unknown }).private_key_id;
    return typeof id === "string" ? id : undefined;
  } catch {
    return undefined;
  }
}

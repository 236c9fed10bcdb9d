import { createHash } from "node:crypto";
import type { RegisterProviderInput } from "@gatehouse/server";

/** A provider's secrets in clear: apiKey, AWS keys, a service account key. */
export type ProviderSecrets = NonNullable<RegisterProviderInput["credentials"]>;

/**
 * A fingerprint of a provider's secrets, so a plan can tell whether the environment holds the same
 * secrets as the store without ever printing or keeping either: SHA-256 over the fields in a fixed
 * order. Null when there are none. It lives in memory for one command and is never shown.
 *
 * @example
 * credentialDigest({ apiKey: "sk-1" }) === credentialDigest({ apiKey: "sk-1" }); // true
 */
export function credentialDigest(secrets: ProviderSecrets | null | undefined): string | null {
  const entries = Object.entries(secrets ?? {})
    .filter(([, v]) => typeof v === "string" && v !== "")
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  if (entries.length === 0) return null;
  return createHash("sha256")
    .update(`gatehouse-credentials\n${JSON.stringify(entries)}`)
    .digest("base64url");
}

import { createPrivateKey, type KeyObject } from "node:crypto";
import { GatewayError } from "@gatehouse/protocol";

/** What a Google service account key file gives to sign token requests with. */
export interface ServiceAccount {
  clientEmail: string;
  privateKey: KeyObject;
  /** Sent as the JWT's `kid`, so Google picks the right public key. */
  privateKeyId?: string;
  /** The OAuth token endpoint, also the JWT's `aud`. */
  tokenUri: string;
  projectId?: string;
}

const GOOGLE_TOKEN_URI = "https://oauth2.googleapis.com/token";

function bad(problem: string): GatewayError {
  return new GatewayError("invalid_request", `The service account key file ${problem}.`);
}

function optionalString(value: unknown): string | undefined {
  return typeof value === "string" && value !== "" ? value : undefined;
}

/**
 * Reads a service account JSON key file (`type`, `client_email`, `private_key` PEM, `private_key_id`,
 * `token_uri`, `project_id`). Anything unusable is an invalid_request naming the field, never the key.
 * @see https://cloud.google.com/iam/docs/keys-create-delete#creating
 * @see https://developers.google.com/identity/protocols/oauth2/service-account#httprest
 *
 * @example
 * const sa = parseServiceAccount(readFileSync("key.json", "utf8"));
 * sa.clientEmail; // "gateway@my-project.iam.gserviceaccount.com"
 */
export function parseServiceAccount(json: string): ServiceAccount {
  let raw: unknown;
  try {
    raw = JSON.parse(json);
  } catch {
    throw bad("is not JSON");
  }
  if (typeof raw !== "object" || raw === null || Array.isArray(raw)) throw bad("is not a JSON object");
  const f = raw as Record<string, unknown>;
  if (f.type !== undefined && f.type !== "service_account") throw bad(`has type '${String(f.type)}'`);
  const clientEmail = optionalString(f.client_email);
  if (clientEmail === undefined) throw bad("has no client_email");
  const pem = optionalString(f.private_key);
  if (pem === undefined) throw bad("has no private_key");
  let privateKey: KeyObject;
  try {
    privateKey = createPrivateKey(pem);
  } catch {
    throw bad("has a private_key that is not a PEM private key");
  }
  if (privateKey.asymmetricKeyType !== "rsa") throw bad("has a private_key that is not an RSA key");
  const tokenUri = optionalString(f.token_uri) ?? GOOGLE_TOKEN_URI;
  if (!/^https?:\/\//.test(tokenUri)) throw bad("has a token_uri that is not an http(s) URL");
  const sa: ServiceAccount = { clientEmail, privateKey, tokenUri };
  const keyId = optionalString(f.private_key_id);
  if (keyId !== undefined) sa.privateKeyId = keyId;
  const projectId = optionalString(f.project_id);
  if (projectId !== undefined) sa.projectId = projectId;
  return sa;
}

import { CREDENTIAL_FIELDS, type GatehouseConfig } from "./config-schema.js";
import { credentialDigest, type ProviderSecrets } from "./credential-digest.js";
import type { Locate } from "./locate-yaml-path.js";
import { type ConfigFileError, formatPath } from "./parse-config-file.js";

/** The file's secrets read from the environment, by provider name, and their fingerprints. */
export interface ResolvedCredentials {
  secrets: ReadonlyMap<string, ProviderSecrets>;
  digests: ReadonlyMap<string, string | null>;
}

export type ResolveCredentialsResult =
  | ({ ok: true } & ResolvedCredentials)
  | { ok: false; errors: ConfigFileError[] };

/**
 * Reads every credential the file names from the environment, before anything is planned or written,
 * so an unset variable is an error naming its line, never a provider stored without its key. A service
 * account key is checked to be one (the JSON of a key file, as `providers add --service-account-file`
 * checks). Messages name variables, never their values.
 *
 * @example
 * const r = resolveCredentials(parsed.config, process.env, parsed.locate);
 * if (r.ok) r.secrets.get("openai"); // { apiKey: "sk-..." }
 */
export function resolveCredentials(
  config: GatehouseConfig,
  env: NodeJS.ProcessEnv,
  locate: Locate,
): ResolveCredentialsResult {
  const errors: ConfigFileError[] = [];
  const secrets = new Map<string, ProviderSecrets>();
  const digests = new Map<string, string | null>();
  config.providers.forEach((provider, i) => {
    const resolved: ProviderSecrets = {};
    for (const field of CREDENTIAL_FIELDS) {
      const ref = provider.credentials[field];
      if (ref === undefined) continue;
      const path = ["providers", i, "credentials", field, "env"];
      const value = env[ref.env];
      if (!value) {
        errors.push({
          ...locate(path),
          path: formatPath(path),
          message: `environment variable ${ref.env} is not set`,
        });
        continue;
      }
      if (field === "serviceAccountJson" && !isServiceAccountKey(value)) {
        errors.push({
          ...locate(path),
          path: formatPath(path),
          message: `environment variable ${ref.env} does not hold a service account key file (client_email and private_key)`,
        });
        continue;
      }
      resolved[field] = value;
    }
    secrets.set(provider.name, resolved);
    digests.set(provider.name, credentialDigest(resolved));
  });
  return errors.length > 0 ? { ok: false, errors } : { ok: true, secrets, digests };
}

function isServiceAccountKey(text: string): boolean {
  try {
    const parsed = JSON.parse(text) as Record<string, unknown>;
    return typeof parsed?.client_email === "string" && typeof parsed.private_key === "string";
  } catch {
    return false;
  }
}

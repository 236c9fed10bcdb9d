import { CREDENTIAL_FIELDS, type CredentialField, type EnvRef } from "./config-schema.js";

/**
 * The environment variable an exported file names for a provider's secret, since the store keeps the
 * secret sealed and not where it came from: GATEHOUSE_<PROVIDER>_<FIELD>, in upper snake case.
 *
 * @example
 * placeholderEnvName("openai", "apiKey"); // "GATEHOUSE_OPENAI_API_KEY"
 * placeholderEnvName("aws-eu", "secretAccessKey"); // "GATEHOUSE_AWS_EU_SECRET_ACCESS_KEY"
 */
export function placeholderEnvName(provider: string, field: CredentialField): string {
  const snake = field.replace(/[A-Z]/g, (c) => `_${c}`).toUpperCase();
  return `GATEHOUSE_${provider.toUpperCase().replace(/[^A-Z0-9]/g, "_")}_${snake}`;
}

/**
 * The credentials of each provider as placeholder references, one distinct variable per secret: names
 * that fold to the same variable ("a-b" and "a_b") get a numbered one (GATEHOUSE_A_B_2_API_KEY), so an
 * exported file never asks two secrets of one variable.
 *
 * @example
 * placeholderCredentials([{ name: "openai", fields: ["apiKey"] }]);
 * // Map { "openai" => { apiKey: { env: "GATEHOUSE_OPENAI_API_KEY" } } }
 */
export function placeholderCredentials(
  providers: ReadonlyArray<{ name: string; fields: readonly CredentialField[] }>,
): Map<string, Partial<Record<CredentialField, EnvRef>>> {
  const used = new Set<string>();
  const out = new Map<string, Partial<Record<CredentialField, EnvRef>>>();
  for (const p of providers) {
    let prefix = p.name;
    for (let n = 2; CREDENTIAL_FIELDS.some((f) => used.has(placeholderEnvName(prefix, f))); n++)
      prefix = `${p.name}_${n}`;
    const refs: Partial<Record<CredentialField, EnvRef>> = {};
    for (const f of CREDENTIAL_FIELDS) {
      if (!p.fields.includes(f)) continue;
      refs[f] = { env: placeholderEnvName(prefix, f) };
    }
    for (const f of CREDENTIAL_FIELDS) used.add(placeholderEnvName(prefix, f));
    out.set(p.name, refs);
  }
  return out;
}

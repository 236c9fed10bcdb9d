import type { CredentialVault, Provider, Store } from "@gatehouse/server";
import { CREDENTIAL_FIELDS, PROVIDER_SETTINGS, type ProviderSpec } from "./config-schema.js";
import type { CurrentState } from "./config-state.js";
import { credentialDigest, type ProviderSecrets } from "./credential-digest.js";
import { deploymentSpecFromDeployment, modelSpecFromModel } from "./model-fields.js";
import { placeholderCredentials } from "./placeholder-env-name.js";

/**
 * The tenant's workspaces, providers and models, in the shape of a parsed file, so a plan is a diff of
 * two values of one type. Secrets are opened only to learn which fields a provider has (exported as
 * placeholder variables) and their fingerprint (to see whether the file's variables hold the same
 * secrets); neither value leaves this function.
 *
 * @example
 * const current = await readCurrentState(s.store, s.credentialVault, s.tenant.id);
 * exportConfig(current.config);
 */
export async function readCurrentState(
  store: Store,
  vault: CredentialVault,
  tenantId: string,
): Promise<CurrentState> {
  const [workspaces, providers, models] = await Promise.all([
    store.workspaces.list(tenantId),
    store.providers.list(tenantId),
    store.models.list(tenantId),
  ]);
  const providerNames = new Map(providers.map((p) => [p.id, p.name]));
  const credentialDigests = new Map<string, string | null>();
  const fields = providers.map((p) => {
    const secrets = openSecrets(vault, p);
    credentialDigests.set(p.name, credentialDigest(secrets));
    return { name: p.name, fields: CREDENTIAL_FIELDS.filter((f) => secrets?.[f]) };
  });
  const credentials = placeholderCredentials(fields);
  const providerSpecs = providers.map((p) => providerSpec(p, credentials.get(p.name) ?? {}));
  const deploymentIds = new Map<string, string[]>();
  const modelSpecs = models.map((m) => {
    const deployments = m.deployments.filter((d) => providerNames.has(d.providerId));
    deploymentIds.set(
      m.name,
      deployments.map((d) => d.id),
    );
    return modelSpecFromModel(
      m,
      deployments.map((d) => deploymentSpecFromDeployment(d, providerNames.get(d.providerId)!)),
    );
  });
  return {
    config: {
      version: 1,
      workspaces: workspaces.map((w) => ({ name: w.name })),
      providers: providerSpecs,
      models: modelSpecs,
    },
    credentialDigests,
    providerIds: new Map(providers.map((p) => [p.name, p.id])),
    modelIds: new Map(models.map((m) => [m.name, m.id])),
    deploymentIds,
  };
}

function openSecrets(vault: CredentialVault, provider: Provider): ProviderSecrets | null {
  if (provider.credentials === null) return null;
  try {
    return JSON.parse(
      vault.open({ tenantId: provider.tenantId, recordId: provider.id }, provider.credentials),
    ) as ProviderSecrets;
  } catch (err) {
    throw new Error(`cannot open the credentials of provider '${provider.name}': ${(err as Error).message}`);
  }
}

/** The kind settings lifted out of the stored config; the rest of it kept as `config`. */
function providerSpec(p: Provider, credentials: ProviderSpec["credentials"]): ProviderSpec {
  const config: Record<string, unknown> = { ...p.config };
  const spec: ProviderSpec = { name: p.name, kind: p.kind, baseUrl: p.baseUrl, config: {}, credentials };
  for (const s of PROVIDER_SETTINGS) {
    if (typeof config[s] !== "string") continue;
    spec[s] = config[s] as string;
    delete config[s];
  }
  spec.config = config as ProviderSpec["config"];
  return spec;
}

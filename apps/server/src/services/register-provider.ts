import { GatewayError } from "@gatehouse/protocol";
import type { CredentialVault } from "../crypto/credential-vault.js";
import type { Model } from "../domain/model.js";
import type { Provider, ProviderKind, ProviderOrigin } from "../domain/provider.js";
import { SUPPORTED_PROVIDER_KINDS } from "../providers/adapter-for.js";
import { credentialHint } from "../providers/credential-hint.js";
import { resolveBaseUrl } from "../providers/resolve-base-url.js";
import type { ProviderCredentials } from "../providers/upstream-target.js";
import { newId } from "../store/new-id.js";
import type { Store } from "../store/store.js";

export interface RegisterProviderInput {
  tenantId: string;
  name: string;
  kind: ProviderKind;
  /** Optional for kinds whose endpoint follows from a setting (bedrock: config.region; vertex: config.location). */
  baseUrl?: string;
  apiKey?: string;
  /** Further secrets (AWS keys, a service account key), sealed with apiKey. */
  credentials?: ProviderCredentials;
  /** Non-secret settings (region, apiVersion, project, location...). */
  config?: Record<string, unknown>;
  /** Models to create, each routed to this provider under the same upstream name. */
  models?: string[];
  /** Also create the wildcard model `<name>/*`, routing any `<name>/<model>` to this provider. */
  wildcard?: boolean;
  /** "platform" (the operator, by default) or "tenant" (the tenant API: private upstreams refused). */
  origin?: ProviderOrigin;
}

/**
 * Adds a provider with its credentials sealed as an envelope bound to the tenant and the provider's id,
 * and the models that route to it. Models that already exist in the tenant get a new deployment on this
 * provider instead of a duplicate.
 */
export async function registerProvider(
  store: Store,
  vault: CredentialVault,
  input: RegisterProviderInput,
): Promise<{ provider: Provider; models: Model[] }> {
  if (!(SUPPORTED_PROVIDER_KINDS as readonly string[]).includes(input.kind)) {
    throw new GatewayError(
      "invalid_request",
      `Provider kind '${input.kind}' is not supported; use one of: ${SUPPORTED_PROVIDER_KINDS.join(", ")}.`,
    );
  }
  if (!/^[a-z0-9][a-z0-9._-]{0,62}$/i.test(input.name)) {
    throw new GatewayError("invalid_request", "A provider name is 1-63 letters, digits, '.', '_' or '-'.");
  }
  const baseUrl = resolveBaseUrl(input.kind, input.baseUrl, input.config ?? {});
  const secrets: ProviderCredentials = {
    ...input.credentials,
    ...(input.apiKey ? { apiKey: input.apiKey } : {}),
  };
  const id = newId("prv");
  const hasSecrets = Object.keys(secrets).length > 0;
  const provider = await store.providers.create({
    id,
    tenantId: input.tenantId,
    name: input.name,
    kind: input.kind,
    baseUrl,
    credentials: hasSecrets
      ? vault.seal({ tenantId: input.tenantId, recordId: id }, JSON.stringify(secrets))
      : null,
    credentialsLastFour: credentialHint(secrets),
    origin: input.origin ?? "platform",
    config: input.config ?? {},
  });
  const models: Model[] = [];
  const routes = (input.models ?? []).map((m) => ({ name: m, upstream: m }));
  if (input.wildcard) routes.push({ name: `${input.name}/*`, upstream: "*" });
  for (const r of routes) {
    const model =
      (await store.models.findByName(input.tenantId, r.name)) ??
      (await store.models.create({
        tenantId: input.tenantId,
        name: r.name,
        inputPricePerMTok: 0,
        outputPricePerMTok: 0,
        contextWindow: null,
        maxOutputTokens: null,
      }));
    await store.models.addDeployment(input.tenantId, {
      modelId: model.id,
      providerId: provider.id,
      upstreamModel: r.upstream,
      weight: 1,
      priority: 0,
    });
    models.push(model);
  }
  return { provider, models };
}

import { GatewayError } from "@gatehouse/protocol";
import type { SecretBox } from "../crypto/secret-box.js";
import type { Model } from "../domain/model.js";
import type { Provider, ProviderKind } from "../domain/provider.js";
import { SUPPORTED_PROVIDER_KINDS } from "../providers/adapter-for.js";
import { resolveBaseUrl } from "../providers/resolve-base-url.js";
import type { ProviderCredentials } from "../providers/upstream-target.js";
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
}

/**
 * Adds a provider with its credentials sealed, and the models that route to it. Models that already
 * exist in the tenant get a new deployment on this provider instead of a duplicate.
 */
export async function registerProvider(
  store: Store,
  box: SecretBox,
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
  const provider = await store.providers.create({
    tenantId: input.tenantId,
    name: input.name,
    kind: input.kind,
    baseUrl,
    credentials: Object.keys(secrets).length > 0 ? box.seal(JSON.stringify(secrets)) : null,
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

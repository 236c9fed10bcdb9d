import { GatewayError } from "@gatehouse/protocol";
import type { SecretBox } from "../crypto/secret-box.js";
import type { Store } from "../store/store.js";
import type { Model, Provider, ProviderKind } from "../store/store-types.js";
import { SUPPORTED_PROVIDER_KINDS } from "./adapter-for.js";
import { bedrockBaseUrl } from "./bedrock/bedrock-region.js";
import type { ProviderCredentials } from "./upstream-target.js";
import { vertexBaseUrl } from "./vertex/vertex-location.js";

export interface RegisterProviderInput {
  tenantId: string;
  name: string;
  kind: ProviderKind;
  /** Optional for bedrock (from config.region) and vertex (from config.location). */
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
  const baseUrl = input.baseUrl ?? defaultBaseUrl(input.kind, input.config ?? {});
  checkBaseUrl(baseUrl);
  const secrets: ProviderCredentials = {
    ...input.credentials,
    ...(input.apiKey ? { apiKey: input.apiKey } : {}),
  };
  const provider = await store.providers.create({
    tenantId: input.tenantId,
    name: input.name,
    kind: input.kind,
    baseUrl: baseUrl.replace(/\/+$/, ""),
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

/** Kinds whose endpoint follows from a setting: Bedrock's from its region, Vertex's from its location. */
function defaultBaseUrl(kind: ProviderKind, config: Record<string, unknown>): string {
  if (kind === "bedrock" && typeof config.region === "string") return bedrockBaseUrl(config.region);
  if (kind === "vertex" && typeof config.location === "string") return vertexBaseUrl(config.location);
  const hint = kind === "bedrock" ? " or a region" : kind === "vertex" ? " or a location" : "";
  throw new GatewayError("invalid_request", `A '${kind}' provider needs a base URL${hint}.`);
}

function checkBaseUrl(url: string): void {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    throw new GatewayError("invalid_request", `The base URL '${url}' is not a URL.`);
  }
  if (u.protocol !== "http:" && u.protocol !== "https:") {
    throw new GatewayError("invalid_request", "A provider base URL must use http or https.");
  }
  if (u.username || u.password) {
    throw new GatewayError("invalid_request", "Put credentials in --api-key, not in the base URL.");
  }
}

import type * as C from "@gatehouse/contracts";
import type { ParsedBody } from "@gatehouse/contracts";
import type { Provider } from "../../domain/provider.js";
import { credentialHint } from "../../providers/credential-hint.js";
import { resolveBaseUrl } from "../../providers/resolve-base-url.js";
import type { ProviderCredentials } from "../../providers/upstream-target.js";
import { checkTenantUpstreamUrl } from "../../security/check-tenant-upstream-url.js";
import type { ProviderPatch } from "../../store/store-types.js";
import type { ProviderSettings } from "./control-plane-deps.js";

/**
 * The store patch of a provider update through the API. Whatever decides where the gateway connects,
 * given here, comes from the tenant, not the operator, so it makes the provider a "tenant" one (reached
 * only through the guarded dispatcher): a new base URL (checked like a new provider's), and a new service
 * account key, whose `token_uri` the gateway posts to for a token (Vertex AI). New credentials are sealed
 * for this record; `apiKey: null` without other credentials removes them.
 *
 * @example
 * providerPatchOf(settings, platformVertex, { credentials: { serviceAccountJson } }).origin; // "tenant"
 */
export function providerPatchOf(
  settings: Pick<ProviderSettings, "vault" | "allowList">,
  before: Provider,
  body: ParsedBody<typeof C.updateProvider>,
): ProviderPatch {
  const patch: ProviderPatch = {};
  if (body.name !== undefined) patch.name = body.name;
  if (body.config !== undefined) patch.config = body.config;
  if (body.disabled !== undefined) patch.disabled = body.disabled;
  if (body.baseUrl !== undefined) {
    patch.baseUrl = resolveBaseUrl(before.kind, body.baseUrl, body.config ?? before.config);
    checkTenantUpstreamUrl(patch.baseUrl, settings.allowList);
    patch.origin = "tenant";
  }
  // A service account key names its token endpoint: on a platform provider it would be posted to
  // through the unguarded dispatcher, reaching private addresses (cloud metadata) for the tenant.
  if (body.credentials?.serviceAccountJson !== undefined) patch.origin = "tenant";
  if (body.apiKey !== undefined || body.credentials !== undefined) {
    const secrets: ProviderCredentials = {
      ...body.credentials,
      ...(typeof body.apiKey === "string" ? { apiKey: body.apiKey } : {}),
    };
    patch.credentials =
      Object.keys(secrets).length === 0
        ? null
        : {
            sealed: settings.vault.seal(
              { tenantId: before.tenantId, recordId: before.id },
              JSON.stringify(secrets),
            ),
            lastFour: credentialHint(secrets),
          };
  }
  return patch;
}

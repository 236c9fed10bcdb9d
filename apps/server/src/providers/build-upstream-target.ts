import type { Provider } from "../store/store-types.js";
import { openaiTarget } from "./openai-target.js";
import type { ProviderCredentials, UpstreamTarget } from "./upstream-target.js";

/** The kinds of provider this build can forward to. */
export const SUPPORTED_PROVIDER_KINDS = ["openai"] as const;

/** Builds the upstream target of a provider; throws for a kind this build cannot serve. */
export function buildUpstreamTarget(provider: Provider, credentials: ProviderCredentials): UpstreamTarget {
  switch (provider.kind) {
    case "openai":
      return openaiTarget(provider, credentials);
    default:
      throw new Error(`provider kind '${provider.kind}' cannot be served by this version`);
  }
}

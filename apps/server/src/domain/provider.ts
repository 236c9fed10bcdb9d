import type { SealedSecret } from "./sealed-secret.js";

export type ProviderKind = "openai" | "anthropic" | "gemini" | "ollama" | "bedrock" | "azure" | "vertex";

/**
 * Who registered a provider: the platform operator (CLI, environment, `gatehouse apply`), whose upstreams
 * may be private addresses, or a tenant (the tenant API), whose upstreams may not unless allow-listed.
 */
export type ProviderOrigin = "platform" | "tenant";

export interface Provider {
  id: string;
  tenantId: string;
  name: string;
  kind: ProviderKind;
  baseUrl: string;
  /** Sealed credentials, or null for providers that need none (a local Ollama). */
  credentials: SealedSecret | null;
  /** "…1234", the only part of the credential ever shown; null when there is none or it is not known yet. */
  credentialsLastFour: string | null;
  origin: ProviderOrigin;
  /** Non-secret settings (extra headers names, api-version, region...). */
  config: Record<string, unknown>;
  /** Left out of routing while true; its credentials, settings and deployments are kept. */
  disabled: boolean;
  createdAt: number;
}

import type { SealedSecret } from "./sealed-secret.js";

export type ProviderKind = "openai" | "anthropic" | "gemini" | "ollama" | "bedrock" | "azure" | "vertex";

export interface Provider {
  id: string;
  tenantId: string;
  name: string;
  kind: ProviderKind;
  baseUrl: string;
  /** Sealed credentials, or null for providers that need none (a local Ollama). */
  credentials: SealedSecret | null;
  /** Non-secret settings (extra headers names, api-version, region...). */
  config: Record<string, unknown>;
  createdAt: number;
}

import type { ProviderKind } from "../domain/provider.js";
import { anthropicAdapter } from "./anthropic/anthropic-adapter.js";
import { azureAdapter } from "./azure/azure-adapter.js";
import { bedrockAdapter } from "./bedrock/bedrock-adapter.js";
import { geminiAdapter } from "./gemini/gemini-adapter.js";
import { ollamaAdapter } from "./ollama/ollama-adapter.js";
import { openaiAdapter } from "./openai/openai-adapter.js";
import type { ProviderAdapter } from "./provider-adapter.js";
import { vertexAdapter } from "./vertex/vertex-adapter.js";

const ADAPTERS: Partial<Record<ProviderKind, ProviderAdapter>> = {
  openai: openaiAdapter,
  anthropic: anthropicAdapter,
  gemini: geminiAdapter,
  ollama: ollamaAdapter,
  bedrock: bedrockAdapter,
  azure: azureAdapter,
  vertex: vertexAdapter,
};

/** The adapter of a provider kind. */
export function adapterFor(kind: ProviderKind): ProviderAdapter {
  const adapter = ADAPTERS[kind];
  if (!adapter) throw new Error(`no adapter for provider kind '${kind}'`);
  return adapter;
}

/** The provider kinds this build can forward to. */
export const SUPPORTED_PROVIDER_KINDS = Object.keys(ADAPTERS) as ProviderKind[];

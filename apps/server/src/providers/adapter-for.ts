import type { ProviderKind } from "../store/store-types.js";
import { anthropicAdapter } from "./anthropic/anthropic-adapter.js";
import { geminiAdapter } from "./gemini/gemini-adapter.js";
import { ollamaAdapter } from "./ollama/ollama-adapter.js";
import { openaiAdapter } from "./openai/openai-adapter.js";
import type { ProviderAdapter } from "./provider-adapter.js";

const ADAPTERS: Partial<Record<ProviderKind, ProviderAdapter>> = {
  openai: openaiAdapter,
  anthropic: anthropicAdapter,
  gemini: geminiAdapter,
  ollama: ollamaAdapter,
};

/** The adapter of a provider kind. */
export function adapterFor(kind: ProviderKind): ProviderAdapter {
  const adapter = ADAPTERS[kind];
  if (!adapter) throw new Error(`no adapter for provider kind '${kind}'`);
  return adapter;
}

/** The provider kinds this build can forward to. */
export const SUPPORTED_PROVIDER_KINDS = Object.keys(ADAPTERS) as ProviderKind[];

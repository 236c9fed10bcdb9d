import type { Config } from "../config/config.js";
import type { RegisterProviderInput } from "../providers/register-provider.js";

/**
 * Providers offered from the environment on first start. Each is registered through its
 * OpenAI-compatible endpoint, with a wildcard model `<name>/*` so any of its models can be asked for.
 * @see https://docs.anthropic.com/en/api/openai-sdk
 * @see https://ai.google.dev/gemini-api/docs/openai
 * @see https://github.com/ollama/ollama/blob/main/docs/openai.md
 */
export function envProviders(env: Config["envProviders"]): Array<Omit<RegisterProviderInput, "tenantId">> {
  const out: Array<Omit<RegisterProviderInput, "tenantId">> = [];
  if (env.openaiApiKey || env.openaiBaseUrl) {
    out.push({
      name: "openai",
      kind: "openai",
      baseUrl: env.openaiBaseUrl ?? "https://api.openai.com/v1",
      apiKey: env.openaiApiKey,
      wildcard: true,
    });
  }
  if (env.anthropicApiKey) {
    out.push({
      name: "anthropic",
      kind: "openai",
      baseUrl: "https://api.anthropic.com/v1",
      apiKey: env.anthropicApiKey,
      wildcard: true,
    });
  }
  if (env.geminiApiKey) {
    out.push({
      name: "gemini",
      kind: "openai",
      baseUrl: "https://generativelanguage.googleapis.com/v1beta/openai",
      apiKey: env.geminiApiKey,
      wildcard: true,
    });
  }
  if (env.ollamaHost)
    out.push({ name: "ollama", kind: "openai", baseUrl: `${env.ollamaHost}/v1`, wildcard: true });
  return out;
}

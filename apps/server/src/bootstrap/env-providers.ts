import type { Config } from "../config/config.js";
import type { RegisterProviderInput } from "../services/register-provider.js";

/**
 * Providers offered from the environment on first start, each through its native API, with a wildcard
 * model `<name>/*` so any of its models can be asked for in any client protocol.
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
      kind: "gemini",
      baseUrl: "https://generativelanguage.googleapis.com/v1beta",
      apiKey: env.geminiApiKey,
      wildcard: true,
    });
  }
  if (env.ollamaHost)
    out.push({ name: "ollama", kind: "openai", baseUrl: `${env.ollamaHost}/v1`, wildcard: true });
  return out;
}

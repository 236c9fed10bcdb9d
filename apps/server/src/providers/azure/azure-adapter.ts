import { apiKeyHeader } from "../api-key-header.js";
import { openaiAdapter } from "../openai/openai-adapter.js";
import type { ProviderAdapter } from "../provider-adapter.js";
import { azureEmbeddings } from "./azure-embeddings.js";
import { azureOpenAITarget, withAzureApiVersion } from "./azure-openai-target.js";

/**
 * Azure OpenAI: the OpenAI wire format (the OpenAI adapter builds body and reads answers) at deployment
 * URLs — POST {endpoint}/openai/deployments/{deployment}/chat/completions?api-version={version} — or,
 * with config.apiVersion "v1", at {endpoint}/openai/v1/chat/completions with the deployment as `model`.
 * The upstream model name is the deployment name; the key goes in the `api-key` header.
 * @see https://learn.microsoft.com/azure/ai-foundry/openai/reference#chat-completions
 * @see https://learn.microsoft.com/azure/ai-foundry/openai/reference#authentication
 */
export const azureAdapter: ProviderAdapter = {
  ...openaiAdapter,
  staticHeaders: (credentials) => apiKeyHeader("api-key", credentials),
  chatRequest(ir, deployment, target, now) {
    const up = openaiAdapter.chatRequest(ir, deployment, azureOpenAITarget(target, deployment), now);
    return withAzureApiVersion(up, target);
  },
  passthroughRequest(body, deployment, stream, target, now) {
    const t = azureOpenAITarget(target, deployment);
    return withAzureApiVersion(openaiAdapter.passthroughRequest(body, deployment, stream, t, now), target);
  },
  embeddings: azureEmbeddings,
  // Not OpenAI's path: Azure's Responses API is not wired yet, so Responses requests are converted.
  responsesRequest: undefined,
  responsesCompactRequest: undefined,
};

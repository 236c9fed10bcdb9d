import { openaiEmbeddings } from "../openai/openai-embeddings.js";
import type { EmbeddingsAdapter } from "../provider-adapter.js";
import { azureOpenAITarget, withAzureApiVersion } from "./azure-openai-target.js";

/** "any array must be 2048 dimensions or less": Azure's reference, word for word as OpenAI's. */
const AZURE_MAX_EMBEDDING_INPUTS = 2048;

/**
 * Embeddings on Azure OpenAI: OpenAI's embeddings wire format (body, answer, base64 vectors, usage) at
 * the same URL forms as chat — POST {endpoint}/openai/deployments/{deployment}/embeddings?api-version=…,
 * or {endpoint}/openai/v1/embeddings with the deployment as `model` — so an OpenAI client's body passes
 * through with only the model renamed. Azure documents the same limit as OpenAI: at most 2048 inputs a
 * request (and 300,000 tokens summed over them).
 * @see https://learn.microsoft.com/azure/ai-foundry/openai/reference#embeddings
 * @see https://learn.microsoft.com/azure/ai-foundry/openai/latest#create-embedding
 */
export const azureEmbeddings: EmbeddingsAdapter = {
  request(ir, deployment, target) {
    const up = openaiEmbeddings.request(ir, deployment, azureOpenAITarget(target, deployment));
    return withAzureApiVersion(up, target);
  },
  decodeResponse: (body, model) => openaiEmbeddings.decodeResponse(body, model),
  passthroughRequest(raw, deployment, target, method) {
    const t = azureOpenAITarget(target, deployment);
    return withAzureApiVersion(openaiEmbeddings.passthroughRequest!(raw, deployment, t, method), target);
  },
  maxInputsPerCall: () => AZURE_MAX_EMBEDDING_INPUTS,
};

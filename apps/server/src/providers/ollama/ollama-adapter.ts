import {
  createOllamaStreamDecoder,
  decodeOllamaError,
  decodeOllamaResponse,
  encodeOllamaRequest,
  GatewayError,
} from "@gatehouse/protocol";
import { apiKeyHeader } from "../api-key-header.js";
import type { ProviderAdapter } from "../provider-adapter.js";
import { ollamaEmbeddings } from "./ollama-embeddings.js";

/**
 * Ollama's native API: POST {base}/api/chat, streamed as NDJSON. The base URL is the server's origin
 * (http://127.0.0.1:11434). Ollama itself takes no key; one that is set goes as a Bearer token, for an
 * Ollama behind an authenticating proxy.
 * @see https://github.com/ollama/ollama/blob/main/docs/api.md#generate-a-chat-completion
 */
export const ollamaAdapter: ProviderAdapter = {
  protocol: "ollama",
  framing: "ndjson",
  staticHeaders: (credentials) => apiKeyHeader("authorization", credentials, "Bearer "),
  /**
   * Ollama unloads an idle model after 5 minutes by default and loads it again on the next request, which
   * on a large model or a CPU takes minutes before the first byte; it runs on the same machine or network,
   * so a connection that is slow to open will not come at all.
   * @see https://github.com/ollama/ollama/blob/main/docs/faq.md#how-do-i-keep-a-model-loaded-in-memory-or-make-it-unload-immediately
   */
  defaultTimeouts: { connectMs: 2_000, firstByteMs: 300_000 },
  // Ollama's `images` are base64 only.
  needsImageBytes: true,
  chatRequest(ir, upstreamModel, target) {
    const { body, warnings } = encodeOllamaRequest(ir, upstreamModel);
    return {
      path: `${target.basePath}/api/chat`,
      headers: target.headers,
      body: JSON.stringify(body),
      warnings,
    };
  },
  passthroughRequest() {
    throw new GatewayError("internal_error", "Ollama has no client surface to pass through from.");
  },
  decodeResponse: (body) => decodeOllamaResponse(body),
  createStreamDecoder: () => createOllamaStreamDecoder(),
  decodeError: (status, body, headers, now) => decodeOllamaError(status, body, headers, now),
  embeddings: ollamaEmbeddings,
};

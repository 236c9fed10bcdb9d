import {
  createOllamaStreamDecoder,
  decodeOllamaError,
  decodeOllamaResponse,
  encodeOllamaRequest,
  GatewayError,
} from "@gatehouse/protocol";
import type { ProviderAdapter } from "../provider-adapter.js";
import { ollamaEmbeddings } from "./ollama-embeddings.js";

/**
 * Ollama's native API: POST {base}/api/chat, streamed as NDJSON. The base URL is the server's origin
 * (http://127.0.0.1:11434).
 * @see https://github.com/ollama/ollama/blob/main/docs/api.md#generate-a-chat-completion
 */
export const ollamaAdapter: ProviderAdapter = {
  protocol: "ollama",
  framing: "ndjson",
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
  decodeResponse: decodeOllamaResponse,
  createStreamDecoder: createOllamaStreamDecoder,
  decodeError: (status, body, headers, now) => decodeOllamaError(status, body, headers, now),
  embeddings: ollamaEmbeddings,
};

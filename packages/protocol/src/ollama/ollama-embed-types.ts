/**
 * Ollama's embeddings API (POST /api/embed).
 * @see https://github.com/ollama/ollama/blob/main/docs/api.md#generate-embeddings
 */

export interface OllamaEmbedRequest {
  model: string;
  input: string[];
  dimensions?: number;
}

export interface OllamaEmbedResponse {
  model: string;
  embeddings: number[][];
  prompt_eval_count?: number;
}

/**
 * OpenAI's embeddings wire format.
 * @see https://platform.openai.com/docs/api-reference/embeddings/create
 * @see https://platform.openai.com/docs/api-reference/embeddings/object
 */

/** The body of POST /v1/embeddings. */
export interface OpenAIEmbeddingsRequest {
  model: string;
  input: string[];
  dimensions?: number;
  encoding_format?: "float" | "base64";
}

/** The answer: `embedding` is numbers, or base64 of little-endian float32 when encoding_format is base64. */
export interface OpenAIEmbeddingsResponse {
  object: "list";
  data: Array<{ object: "embedding"; index: number; embedding: number[] | string }>;
  model: string;
  usage: { prompt_tokens: number; total_tokens: number };
}

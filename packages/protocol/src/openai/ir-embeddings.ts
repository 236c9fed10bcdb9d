/**
 * Embeddings in the gateway's own terms. Lives in openai/ for now; it belongs in ir/ beside the chat IR.
 */

/** An embeddings request: one vector per input string. */
export interface IrEmbeddingsRequest {
  model: string;
  input: string[];
  /** Output size, for models that can shorten their vectors. */
  dimensions?: number;
  /** How the client wants the vectors written; the IR always holds numbers. */
  encodingFormat?: "float" | "base64";
}

/** An embeddings answer: `vectors[i]` embeds `input[i]`. */
export interface IrEmbeddingsResponse {
  model: string;
  vectors: number[][];
  inputTokens: number;
}

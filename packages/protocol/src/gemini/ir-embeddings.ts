/**
 * Embeddings in the gateway's own terms. A local copy of the shapes defined in openai/ir-embeddings.ts
 * (kept identical so the two can merge into one IR file); not exported from the gemini barrel.
 */
export interface IrEmbeddingsRequest {
  model: string;
  input: string[];
  dimensions?: number;
}

export interface IrEmbeddingsResponse {
  model: string;
  vectors: number[][];
  inputTokens: number;
}

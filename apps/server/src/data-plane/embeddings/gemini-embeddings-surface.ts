import { encodeGeminiBatchEmbedResponse, encodeGeminiEmbedContentResponse } from "@gatehouse/protocol";
import type { EmbeddingsSurface } from "./embeddings-surface.js";

/** The Gemini embeddings methods a model path may name. */
export type GeminiEmbedMethod = "embedContent" | "batchEmbedContents";

/**
 * The promptTokenCount of a Gemini answer's usageMetadata. The Gemini API sends none for embeddings
 * today; read it anyway so a future count wins over the estimate.
 */
function reportedInputTokens(body: unknown): number | undefined {
  const meta = (body as { usageMetadata?: { promptTokenCount?: unknown } } | null)?.usageMetadata;
  const count = meta?.promptTokenCount;
  return typeof count === "number" && Number.isInteger(count) && count >= 0 ? count : undefined;
}

/**
 * The Gemini embeddings surface, one per method: `embedContent` answers `{embedding}`,
 * `batchEmbedContents` answers `{embeddings: [...]}` in input order.
 * @see https://ai.google.dev/api/embeddings#method:-models.embedcontent
 * @see https://ai.google.dev/api/embeddings#method:-models.batchembedcontents
 */
export const geminiEmbeddingsSurfaces: Readonly<Record<GeminiEmbedMethod, EmbeddingsSurface>> = {
  embedContent: {
    protocol: "gemini",
    method: "embedContent",
    encodeResponse: (ir) => encodeGeminiEmbedContentResponse(ir),
    reportedInputTokens,
  },
  batchEmbedContents: {
    protocol: "gemini",
    method: "batchEmbedContents",
    encodeResponse: (ir) => encodeGeminiBatchEmbedResponse(ir),
    reportedInputTokens,
  },
};

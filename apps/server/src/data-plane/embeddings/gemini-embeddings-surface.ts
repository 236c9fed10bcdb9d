import {
  decodeGeminiBatchEmbedRequest,
  decodeGeminiEmbedContentRequest,
  encodeGeminiBatchEmbedResponse,
  encodeGeminiEmbedContentResponse,
  type IrEmbeddingsRequest,
} from "@gatehouse/protocol";
import { geminiSurface } from "../gemini/gemini-surface.js";
import { parseGeminiPath } from "../gemini/parse-gemini-path.js";
import type { DecodeInput } from "../operation.js";
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

/** A Gemini embeddings decoder of one method, with the model from the path. */
function decodeWith(
  decode: (body: unknown, model: string, warnings: string[]) => IrEmbeddingsRequest,
): EmbeddingsSurface["decode"] {
  return (json, input: DecodeInput) => {
    const warnings: string[] = [];
    const { model } = parseGeminiPath(input.params["*"] ?? "");
    return { ir: decode(json, model, warnings), warnings };
  };
}

/**
 * The Gemini embeddings surface, one per method: `embedContent` answers `{embedding}`,
 * `batchEmbedContents` answers `{embeddings: [...]}` in input order. Fields only Google's models
 * understand are dropped with a warning when converting.
 * @see https://ai.google.dev/api/embeddings#method:-models.embedcontent
 * @see https://ai.google.dev/api/embeddings#method:-models.batchembedcontents
 */
export const geminiEmbeddingsSurfaces: Readonly<Record<GeminiEmbedMethod, EmbeddingsSurface>> = {
  embedContent: {
    surface: geminiSurface,
    method: "embedContent",
    decode: decodeWith(decodeGeminiEmbedContentRequest),
    encodeResponse: (ir) => encodeGeminiEmbedContentResponse(ir),
    reportedInputTokens,
  },
  batchEmbedContents: {
    surface: geminiSurface,
    method: "batchEmbedContents",
    decode: decodeWith(decodeGeminiBatchEmbedRequest),
    encodeResponse: (ir) => encodeGeminiBatchEmbedResponse(ir),
    reportedInputTokens,
  },
};

import { decodeOpenAIEmbeddingsRequest, encodeOpenAIEmbeddingsResponse } from "@gatehouse/protocol";
import { readOpenAIUsage } from "../../metering/openai-usage.js";
import { openAISurface } from "../openai/openai-surface.js";
import type { EmbeddingsSurface } from "./embeddings-surface.js";

/**
 * POST /v1/embeddings in OpenAI's shape: vectors as floats, or as base64 float32 when the client asked
 * (the openai SDKs ask for base64 by default); usage as `prompt_tokens`.
 * @see https://platform.openai.com/docs/api-reference/embeddings/object
 */
export const openAIEmbeddingsSurface: EmbeddingsSurface = {
  surface: openAISurface,
  method: "embeddings",
  decode: (json) => ({ ir: decodeOpenAIEmbeddingsRequest(json), warnings: [] }),
  encodeResponse: (ir, request, model) => encodeOpenAIEmbeddingsResponse(ir, model, request.encodingFormat),
  reportedInputTokens: (body) => readOpenAIUsage((body as { usage?: unknown } | null)?.usage)?.inputTokens,
};

/** What the gateway knows of a model it lists on the Gemini surface. */
export interface GeminiModelListEntry {
  /** The public model id, without `models/`. */
  id: string;
  displayName?: string;
  description?: string;
  inputTokenLimit?: number;
  outputTokenLimit?: number;
  /** Defaults to generateContent, streamGenerateContent and countTokens. */
  supportedGenerationMethods?: string[];
}

/** One entry of Gemini's `models.list` answer. */
export interface GeminiModel {
  name: string;
  baseModelId: string;
  displayName: string;
  description?: string;
  inputTokenLimit?: number;
  outputTokenLimit?: number;
  supportedGenerationMethods: string[];
}

const CHAT_METHODS = ["generateContent", "streamGenerateContent", "countTokens"];

/**
 * The gateway's models → Gemini's `models.list` answer (`{"models":[{"name":"models/<id>", ...}]}`), all
 * on one page (no `nextPageToken`).
 * @see https://ai.google.dev/api/models#method:-models.list
 *
 * @example
 * encodeGeminiModelList([{ id: "gemini-2.5-flash" }]).models[0].name; // "models/gemini-2.5-flash"
 */
export function encodeGeminiModelList(models: GeminiModelListEntry[]): { models: GeminiModel[] } {
  return {
    models: models.map((m) => {
      const model: GeminiModel = {
        name: `models/${m.id}`,
        baseModelId: m.id,
        displayName: m.displayName ?? m.id,
        supportedGenerationMethods: m.supportedGenerationMethods ?? CHAT_METHODS,
      };
      if (m.description !== undefined) model.description = m.description;
      if (m.inputTokenLimit !== undefined) model.inputTokenLimit = m.inputTokenLimit;
      if (m.outputTokenLimit !== undefined) model.outputTokenLimit = m.outputTokenLimit;
      return model;
    }),
  };
}

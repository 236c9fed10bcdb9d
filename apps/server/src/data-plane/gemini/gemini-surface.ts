import {
  createGeminiStreamEncoder,
  encodeGeminiError,
  encodeGeminiResponse,
  writeSse,
} from "@gatehouse/protocol";
import type { ChatSurface } from "../chat-surface.js";

/**
 * The Gemini generateContent surface.
 * @see https://ai.google.dev/api/generate-content
 */
export const geminiSurface: ChatSurface = {
  name: "gemini",
  protocol: "gemini",
  encodeResponse: encodeGeminiResponse,
  createStreamEncoder: (_request, model) => createGeminiStreamEncoder({ model }),
  errors: {
    body: (err) => encodeGeminiError(err).body,
    streamEvent: (err) => writeSse({ data: JSON.stringify(encodeGeminiError(err).body) }),
  },
  passthroughHeaders: [],
};

import {
  createOpenAIStreamEncoder,
  encodeOpenAIError,
  encodeOpenAIResponse,
  writeSse,
} from "@gatehouse/protocol";
import type { ChatSurface } from "../chat-surface.js";

/**
 * The OpenAI Chat Completions surface: answers, streams (usage chunk only when the client asked) and
 * errors in OpenAI's shapes.
 * @see https://platform.openai.com/docs/api-reference/chat
 */
export const openAISurface: ChatSurface = {
  name: "openai",
  protocol: "openai",
  encodeResponse: encodeOpenAIResponse,
  createStreamEncoder: (request, model) =>
    createOpenAIStreamEncoder({ model, includeUsage: request.streamUsage === true }),
  errors: {
    body: (err) => encodeOpenAIError(err).body,
    streamEvent: (err) => writeSse({ data: JSON.stringify(encodeOpenAIError(err).body) }),
  },
  passthroughHeaders: [],
};

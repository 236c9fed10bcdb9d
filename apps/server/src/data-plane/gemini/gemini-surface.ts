import {
  createGeminiStreamEncoder,
  decodeGeminiRequestWithWarnings,
  decodeGeminiUsage,
  encodeGeminiError,
  encodeGeminiResponse,
  GatewayError,
  writeSse,
} from "@gatehouse/protocol";
import { presentedKey } from "../../auth/presented-key.js";
import type { ChatSurface } from "../chat/chat-surface.js";
import { tappingPipe, usageFrom } from "../chat/passthrough-helpers.js";
import type { DecodeInput } from "../operation.js";
import { parseGeminiPath } from "./parse-gemini-path.js";

/**
 * The Gemini generateContent surface. Model and method are in the path
 * (`/v1beta/models/{model}:generateContent`, `:streamGenerateContent?alt=sse`); the key comes as
 * x-goog-api-key or as `?key=` (redacted from logs). A same-protocol upstream gets the client's bytes
 * (the model goes in its path, not the body).
 * @see https://ai.google.dev/api/generate-content
 */
export const geminiSurface: ChatSurface = {
  name: "gemini",
  protocol: "gemini",
  errors: {
    body: (err) => encodeGeminiError(err).body,
    streamEvent: (err) => writeSse({ data: JSON.stringify(encodeGeminiError(err).body) }),
  },
  credential: (headers, query) => {
    const key = query.key;
    return typeof key === "string" && key !== "" ? key : presentedKey(headers);
  },
  decodeChat: (json, input) => {
    const { model, stream } = generateTarget(input);
    const { request, warnings, unmodeled } = decodeGeminiRequestWithWarnings(json, model, stream);
    return { ir: request, warnings, unmodeled };
  },
  maxTokensParam: () => "generationConfig.maxOutputTokens",
  encodeResponse: encodeGeminiResponse,
  createStreamEncoder: (_request, model) => createGeminiStreamEncoder({ model }),
  passthroughHeaders: [],
  passthroughBody: (request) => request.body.raw,
  readUsage: usageFrom("usageMetadata", (value) => decodeGeminiUsage(value)),
  passthroughPipe: (adapter, _request, exchange) => tappingPipe(adapter, exchange, geminiSurface.errors),
};

/** The model and whether it streams, from a generateContent path; a stream must ask for SSE. */
function generateTarget(input: DecodeInput): { model: string; stream: boolean } {
  const { model, method } = parseGeminiPath(input.params["*"] ?? "");
  const stream = method === "streamGenerateContent";
  if (stream && input.query.alt !== "sse") {
    throw new GatewayError("invalid_request", "streamGenerateContent is served as SSE: add ?alt=sse.", {
      param: "alt",
    });
  }
  return { model, stream };
}

import {
  createGeminiStreamEncoder,
  decodeGeminiRequestWithWarnings,
  decodeGeminiUsage,
  encodeGeminiError,
  encodeGeminiResponse,
  GatewayError,
  type IrUsage,
  writeSse,
} from "@gatehouse/protocol";
import { presentedKey } from "../../auth/presented-key.js";
import type { ChatSurface } from "../chat/chat-surface.js";
import type { DecodeInput } from "../operation.js";
import { DecodingStreamPipe } from "../pipeline/decoding-stream-pipe.js";
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
  readUsage: (json) => readGeminiUsage(json),
  passthroughPipe: (adapter, _request, exchange) =>
    new DecodingStreamPipe(
      adapter,
      exchange.response.headers,
      exchange.served.candidate.target.name,
      geminiSurface.errors,
      undefined,
    ),
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

/** The usage of a Gemini answer, or undefined when it has none the gateway can read. */
function readGeminiUsage(json: unknown): IrUsage | undefined {
  const meta = (json as { usageMetadata?: unknown } | null)?.usageMetadata;
  if (meta === undefined || meta === null) return undefined;
  try {
    return decodeGeminiUsage(meta);
  } catch {
    return undefined;
  }
}

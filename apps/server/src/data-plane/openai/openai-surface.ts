import {
  createOpenAIStreamEncoder,
  decodeOpenAIRequestWithWarnings,
  encodeOpenAIError,
  encodeOpenAIResponse,
  writeSse,
} from "@gatehouse/protocol";
import { presentedKey } from "../../auth/presented-key.js";
import { readOpenAIUsage } from "../../metering/openai-usage.js";
import type { ChatSurface } from "../chat/chat-surface.js";
import { withFields } from "../client-body.js";
import { OpenAIStreamPipe } from "./openai-stream-pipe.js";

/**
 * The OpenAI Chat Completions surface: answers, streams (usage chunk only when the client asked) and
 * errors in OpenAI's shapes. A same-protocol upstream (OpenAI, Azure, every OpenAI-compatible vendor)
 * gets the client's bytes; a stream asks it for the usage chunk metering needs.
 * @see https://platform.openai.com/docs/api-reference/chat
 */
export const openAISurface: ChatSurface = {
  name: "openai",
  protocol: "openai",
  errors: {
    body: (err) => encodeOpenAIError(err).body,
    streamEvent: (err) => writeSse({ data: JSON.stringify(encodeOpenAIError(err).body) }),
  },
  credential: (headers) => presentedKey(headers),
  decodeChat: (json) => {
    const { request, warnings, unmodeled } = decodeOpenAIRequestWithWarnings(json);
    return { ir: request, warnings, unmodeled };
  },
  maxTokensParam: (json) =>
    typeof json.max_completion_tokens === "number" ? "max_completion_tokens" : "max_tokens",
  encodeResponse: encodeOpenAIResponse,
  createStreamEncoder: (request, model) =>
    createOpenAIStreamEncoder({ model, includeUsage: request.streamUsage === true }),
  passthroughHeaders: [],
  passthroughBody: (request, upstreamModel) => {
    const rename = request.ir.model !== upstreamModel;
    const askUsage = request.ir.stream && request.ir.streamUsage !== true;
    if (!rename && !askUsage) return request.body.raw;
    const changes: Record<string, unknown> = {};
    if (rename) changes.model = upstreamModel;
    if (askUsage) {
      const current = request.body.json.stream_options as Record<string, unknown> | null | undefined;
      changes.stream_options = { ...(current ?? {}), include_usage: true };
    }
    return withFields(request.body, changes);
  },
  readUsage: (json) => readOpenAIUsage((json as { usage?: unknown } | null)?.usage),
  passthroughPipe: (_adapter, request, exchange) =>
    new OpenAIStreamPipe(
      request.ir.streamUsage !== true,
      openAISurface.errors,
      exchange.served.candidate.target.name,
    ),
};

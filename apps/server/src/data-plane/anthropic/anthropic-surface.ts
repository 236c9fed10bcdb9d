import {
  createAnthropicStreamEncoder,
  decodeAnthropicRequestWithWarnings,
  decodeAnthropicUsage,
  encodeAnthropicError,
  encodeAnthropicResponse,
  writeSse,
} from "@gatehouse/protocol";
import { presentedKey } from "../../auth/presented-key.js";
import type { ChatSurface } from "../chat/chat-surface.js";
import { tappingPipe, usageFrom } from "../chat/passthrough-helpers.js";
import { withFields } from "../client-body.js";

/**
 * The Anthropic Messages surface. Keys come as x-api-key or Authorization: Bearer (both are Anthropic
 * SDK styles). anthropic-version and anthropic-beta travel on to an Anthropic upstream, since they
 * select API behaviour (Claude Code relies on betas).
 * @see https://docs.anthropic.com/en/api/messages
 */
export const anthropicSurface: ChatSurface = {
  name: "anthropic",
  protocol: "anthropic",
  errors: {
    body: (err) => encodeAnthropicError(err).body,
    // An overloaded upstream is Anthropic's 529, which its SDKs retry. @see https://docs.anthropic.com/en/api/errors
    status: (err) => encodeAnthropicError(err).status,
    streamEvent: (err) => writeSse({ event: "error", data: JSON.stringify(encodeAnthropicError(err).body) }),
  },
  credential: (headers) => presentedKey(headers),
  decodeChat: (json) => {
    const { request, warnings, unmodeled } = decodeAnthropicRequestWithWarnings(json);
    return { ir: request, warnings, unmodeled };
  },
  maxTokensParam: () => "max_tokens",
  encodeResponse: encodeAnthropicResponse,
  createStreamEncoder: (_request, model) => createAnthropicStreamEncoder({ model }),
  passthroughHeaders: ["anthropic-version", "anthropic-beta"],
  passthroughBody: (request, upstreamModel) =>
    withFields(request.body, request.ir.model === upstreamModel ? undefined : { model: upstreamModel }),
  readUsage: usageFrom("usage", (value) => decodeAnthropicUsage(value)),
  passthroughPipe: (adapter, _request, exchange) => tappingPipe(adapter, exchange, anthropicSurface.errors),
};

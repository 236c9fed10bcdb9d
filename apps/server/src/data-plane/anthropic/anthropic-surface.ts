import {
  createAnthropicStreamEncoder,
  encodeAnthropicError,
  encodeAnthropicResponse,
  writeSse,
} from "@gatehouse/protocol";
import type { ChatSurface } from "../chat-surface.js";

/**
 * The Anthropic Messages surface. anthropic-version and anthropic-beta travel on to an Anthropic
 * upstream, since they select API behaviour (Claude Code relies on betas).
 * @see https://docs.anthropic.com/en/api/messages
 */
export const anthropicSurface: ChatSurface = {
  name: "anthropic",
  protocol: "anthropic",
  encodeResponse: encodeAnthropicResponse,
  createStreamEncoder: (_request, model) => createAnthropicStreamEncoder({ model }),
  errors: {
    body: (err) => encodeAnthropicError(err).body,
    streamEvent: (err) => writeSse({ event: "error", data: JSON.stringify(encodeAnthropicError(err).body) }),
  },
  passthroughHeaders: ["anthropic-version", "anthropic-beta"],
};

import {
  createAnthropicStreamEncoder,
  decodeAnthropicRequestWithWarnings,
  decodeAnthropicUsage,
  encodeAnthropicError,
  encodeAnthropicResponse,
  type IrUsage,
  writeSse,
} from "@gatehouse/protocol";
import { presentedKey } from "../../auth/presented-key.js";
import type { ChatSurface } from "../chat/chat-surface.js";
import { withFields } from "../client-body.js";
import { DecodingStreamPipe } from "../pipeline/decoding-stream-pipe.js";

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
  readUsage: (json) => readAnthropicUsage(json),
  passthroughPipe: (adapter, _request, exchange) =>
    new DecodingStreamPipe(
      adapter,
      exchange.response.headers,
      exchange.served.candidate.target.name,
      anthropicSurface.errors,
      undefined,
    ),
};

/** The usage of an Anthropic message, or undefined when it has none the gateway can read. */
function readAnthropicUsage(json: unknown): IrUsage | undefined {
  const usage = (json as { usage?: unknown } | null)?.usage;
  if (usage === undefined || usage === null) return undefined;
  try {
    return decodeAnthropicUsage(usage);
  } catch {
    return undefined;
  }
}

import { GatewayError } from "@gatehouse/protocol";

/** The few fields of an OpenAI chat request the passthrough path must know; the rest is not decoded. */
export interface OpenAIChatFacts {
  model: string;
  stream: boolean;
  /** stream_options.include_usage as the client sent it. */
  includeUsage: boolean;
}

/**
 * Reads model, stream and stream_options from a parsed OpenAI chat request, rejecting wrong types.
 * @see https://platform.openai.com/docs/api-reference/chat/create
 */
export function readOpenAIChatFacts(body: Record<string, unknown>): OpenAIChatFacts {
  const { model, stream, stream_options: options, messages } = body;
  if (typeof model !== "string" || model === "") {
    throw new GatewayError("invalid_request", "'model' is required and must be a non-empty string.", {
      param: "model",
    });
  }
  if (!Array.isArray(messages) || messages.length === 0) {
    throw new GatewayError("invalid_request", "'messages' is required and must be a non-empty array.", {
      param: "messages",
    });
  }
  if (stream !== undefined && stream !== null && typeof stream !== "boolean") {
    throw new GatewayError("invalid_request", "'stream' must be a boolean.", { param: "stream" });
  }
  let includeUsage = false;
  if (options !== undefined && options !== null) {
    if (typeof options !== "object" || Array.isArray(options)) {
      throw new GatewayError("invalid_request", "'stream_options' must be an object.", {
        param: "stream_options",
      });
    }
    includeUsage = (options as { include_usage?: unknown }).include_usage === true;
  }
  return { model, stream: stream === true, includeUsage };
}

/**
 * The body to send upstream. The client's bytes go as they are unless something must change: the
 * upstream model name, or — for streams — asking for the usage chunk metering needs.
 */
export function openAIUpstreamBody(
  raw: Buffer,
  body: Record<string, unknown>,
  facts: OpenAIChatFacts,
  upstreamModel: string,
): Buffer | string {
  const renameModel = upstreamModel !== facts.model;
  const askUsage = facts.stream && !facts.includeUsage;
  if (!renameModel && !askUsage) return raw;
  const next: Record<string, unknown> = { ...body };
  if (renameModel) next.model = upstreamModel;
  if (askUsage) {
    const current = body.stream_options as Record<string, unknown> | null | undefined;
    next.stream_options = { ...(current ?? {}), include_usage: true };
  }
  return JSON.stringify(next);
}

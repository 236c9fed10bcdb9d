// Response bodies of the mock upstream, in the two wire formats it speaks.
// OpenAI chat completions: https://platform.openai.com/docs/api-reference/chat/object and
// https://platform.openai.com/docs/api-reference/chat/streaming (chunk objects, `data: [DONE]`,
// the usage chunk with empty `choices` when `stream_options.include_usage` is set).
// OpenAI errors: https://platform.openai.com/docs/guides/error-codes (500: "The server had an error while
// processing your request"), body shape `{ error: { message, type, param, code } }` as in the API reference.
// Anthropic messages: https://docs.anthropic.com/en/api/messages and
// https://docs.anthropic.com/en/docs/build-with-claude/streaming (message_start, content_block_start,
// ping, content_block_delta, content_block_stop, message_delta, message_stop).

const CREATED = 1_700_000_000;

const SLOT = "@@TEXT@@";

/**
 * An event with a text slot, built once: `render(text)` is two string concatenations instead of a
 * JSON.stringify per chunk, which keeps the mock cheap on the core it shares with the load generator.
 * Only for text that needs no JSON escaping (the stamp and the ASCII filler).
 */
function withTextSlot(event) {
  const [before, after] = event.split(SLOT);
  return (text) => before + text + after;
}

/** Filler text of exactly `bytes` ASCII bytes. */
export function filler(bytes) {
  const word = "lorem ipsum dolor sit amet ";
  return word.repeat(Math.ceil(bytes / word.length) + 1).slice(0, Math.max(0, bytes));
}

/**
 * The text of one streamed chunk: a send-time stamp `<t:MS>` (wall clock in ms, shared by every process
 * on the machine) that lets the client measure per-chunk lag, padded with filler to `bytes`.
 */
export function stampedText(bytes) {
  const stamp = `<t:${(performance.timeOrigin + performance.now()).toFixed(3)}>`;
  return stamp + filler(bytes - stamp.length);
}

/** A complete non-streaming OpenAI chat completion. */
export function openaiCompletion(model, content) {
  return JSON.stringify({
    id: "chatcmpl-bench",
    object: "chat.completion",
    created: CREATED,
    model,
    choices: [{ index: 0, message: { role: "assistant", content }, logprobs: null, finish_reason: "stop" }],
    usage: { prompt_tokens: 12, completion_tokens: 40, total_tokens: 52 },
  });
}

/** The body of OpenAI's answer to a request that failed on its side (HTTP 500). */
export function openaiServerError() {
  return JSON.stringify({
    error: {
      message: "The server had an error while processing your request. Sorry about that!",
      type: "server_error",
      param: null,
      code: null,
    },
  });
}

/** One OpenAI SSE event carrying a chunk object. */
function openaiEvent(model, choices, usage) {
  const chunk = { id: "chatcmpl-bench", object: "chat.completion.chunk", created: CREATED, model, choices };
  if (usage !== undefined) chunk.usage = usage;
  return `data: ${JSON.stringify(chunk)}\n\n`;
}

/** The OpenAI stream as functions: `first` (role), `delta(text)`, `last` (finish, usage, [DONE]). */
export function openaiStream(model, includeUsage, chunks) {
  return {
    first: () =>
      openaiEvent(model, [{ index: 0, delta: { role: "assistant", content: "" }, finish_reason: null }]),
    delta: withTextSlot(openaiEvent(model, [{ index: 0, delta: { content: SLOT }, finish_reason: null }])),
    last: () =>
      openaiEvent(model, [{ index: 0, delta: {}, finish_reason: "stop" }]) +
      (includeUsage
        ? openaiEvent(model, [], { prompt_tokens: 12, completion_tokens: chunks, total_tokens: 12 + chunks })
        : "") +
      "data: [DONE]\n\n",
  };
}

/** A complete non-streaming Anthropic message. */
export function anthropicMessage(model, text) {
  return JSON.stringify({
    id: "msg_bench",
    type: "message",
    role: "assistant",
    model,
    content: [{ type: "text", text }],
    stop_reason: "end_turn",
    stop_sequence: null,
    usage: { input_tokens: 12, output_tokens: 40 },
  });
}

function anthropicEvent(type, body) {
  return `event: ${type}\ndata: ${JSON.stringify({ type, ...body })}\n\n`;
}

/** The Anthropic stream as functions: `first` (message and block start), `delta(text)`, `last`. */
export function anthropicStream(model, chunks) {
  return {
    first: () =>
      anthropicEvent("message_start", {
        message: {
          id: "msg_bench",
          type: "message",
          role: "assistant",
          model,
          content: [],
          stop_reason: null,
          stop_sequence: null,
          usage: { input_tokens: 12, output_tokens: 1 },
        },
      }) +
      anthropicEvent("content_block_start", { index: 0, content_block: { type: "text", text: "" } }) +
      anthropicEvent("ping", {}),
    delta: withTextSlot(
      anthropicEvent("content_block_delta", { index: 0, delta: { type: "text_delta", text: SLOT } }),
    ),
    last: () =>
      anthropicEvent("content_block_stop", { index: 0 }) +
      anthropicEvent("message_delta", {
        delta: { stop_reason: "end_turn", stop_sequence: null },
        usage: { output_tokens: chunks },
      }) +
      anthropicEvent("message_stop", {}),
  };
}

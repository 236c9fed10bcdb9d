import { writeSse } from "@gatehouse/protocol";
import { fakeToolCallId } from "./fake-reply.js";
import type { FakeReplyPlan } from "./plan-fake-reply.js";

/** Identity of one completion: shared by the object and every chunk of its stream. */
export interface OpenAICompletionMeta {
  id: string;
  created: number;
  model: string;
  /** The id of the (first) tool call, when the plan has one; a second call's id adds `_2`. */
  callId: string;
}

/** OpenAI's finish_reason for a plan. */
function finishReason(plan: FakeReplyPlan): "tool_calls" | "length" | "stop" {
  if (plan.tools.length > 0) return "tool_calls";
  return plan.truncated ? "length" : "stop";
}

/**
 * The usage object OpenAI reports, with the detail objects it always includes.
 * @see https://platform.openai.com/docs/api-reference/chat/object#chat/object-usage
 */
export function openAIUsage(promptTokens: number, completionTokens: number): Record<string, unknown> {
  return {
    prompt_tokens: promptTokens,
    completion_tokens: completionTokens,
    total_tokens: promptTokens + completionTokens,
    prompt_tokens_details: { cached_tokens: 0, audio_tokens: 0 },
    completion_tokens_details: {
      reasoning_tokens: 0,
      audio_tokens: 0,
      accepted_prediction_tokens: 0,
      rejected_prediction_tokens: 0,
    },
  };
}

/**
 * A `chat.completion` object for a plan.
 * @see https://platform.openai.com/docs/api-reference/chat/object
 *
 * @example
 * encodeOpenAICompletion(plan, { id: "chatcmpl-fake1", created: 1700000000, model: "gpt-4o", callId: "call_1" })
 *   .object;
 * // "chat.completion"
 */
export function encodeOpenAICompletion(
  plan: FakeReplyPlan,
  meta: OpenAICompletionMeta,
): Record<string, unknown> {
  const message =
    plan.tools.length === 0
      ? { role: "assistant", content: plan.pieces.join(""), refusal: null, annotations: [] }
      : {
          role: "assistant",
          content: null,
          tool_calls: plan.tools.map((tool, i) => ({
            id: fakeToolCallId(meta.callId, i),
            type: "function",
            function: { name: tool.name, arguments: tool.fragments.join("") },
          })),
          refusal: null,
          annotations: [],
        };
  return {
    id: meta.id,
    object: "chat.completion",
    created: meta.created,
    model: meta.model,
    choices: [{ index: 0, message, logprobs: null, finish_reason: finishReason(plan) }],
    usage: openAIUsage(plan.promptTokens, plan.outputTokens),
    service_tier: "default",
    system_fingerprint: "fp_fake",
  };
}

/** The request's `stream_options` the stream honours. */
export interface OpenAIStreamOptions {
  include_usage?: boolean;
  include_obfuscation?: boolean;
}

/**
 * The SSE events of a streamed completion: a role chunk, one chunk per word (or, per tool call in index
 * order, a header chunk with its id and name then one per argument fragment), a finish chunk with an empty delta, then (with `include_usage`) a
 * usage chunk with `choices: []` — every other chunk then carries `"usage": null` — and `data: [DONE]`.
 * Like OpenAI, each chunk has an `obfuscation` padding field unless `include_obfuscation` is false.
 * @see https://platform.openai.com/docs/api-reference/chat-streaming/streaming
 * @see https://platform.openai.com/docs/api-reference/chat/create#chat-create-stream_options
 */
export function encodeOpenAIStream(
  plan: FakeReplyPlan,
  meta: OpenAICompletionMeta,
  options: OpenAIStreamOptions = {},
): string[] {
  const deltas = streamDeltas(plan, meta.callId);
  const chunks: Array<Record<string, unknown>> = deltas.map((delta, i) => ({
    ...chunkHead(meta),
    choices: [
      { index: 0, delta, logprobs: null, finish_reason: i === deltas.length - 1 ? finishReason(plan) : null },
    ],
  }));
  if (options.include_usage === true) {
    for (const chunk of chunks) chunk["usage"] = null;
    const usage = openAIUsage(plan.promptTokens, plan.outputTokens);
    chunks.push({ ...chunkHead(meta), choices: [], usage });
  }
  if (options.include_obfuscation !== false) {
    chunks.forEach((chunk, i) => {
      chunk["obfuscation"] = "fakeObfuscation".slice(0, 4 + (i % 12));
    });
  }
  return [...chunks.map((c) => writeSse({ data: JSON.stringify(c) })), writeSse({ data: "[DONE]" })];
}

function chunkHead(meta: OpenAICompletionMeta): Record<string, unknown> {
  return {
    id: meta.id,
    object: "chat.completion.chunk",
    created: meta.created,
    model: meta.model,
    service_tier: "default",
    system_fingerprint: "fp_fake",
  };
}

function streamDeltas(plan: FakeReplyPlan, callId: string): Array<Record<string, unknown>> {
  if (plan.tools.length === 0) {
    return [
      { role: "assistant", content: "", refusal: null },
      ...plan.pieces.map((content) => ({ content })),
      {},
    ];
  }
  const deltas = plan.tools.flatMap((tool, index): Array<Record<string, unknown>> => {
    const call = { index, id: fakeToolCallId(callId, index), type: "function" };
    const head = { tool_calls: [{ ...call, function: { name: tool.name, arguments: "" } }] };
    const args = tool.fragments.map((fragment) => ({
      tool_calls: [{ index, function: { arguments: fragment } }],
    }));
    return [head, ...args];
  });
  // The first delta carries the role, as OpenAI's does.
  deltas[0] = { role: "assistant", content: null, ...deltas[0], refusal: null };
  return [...deltas, {}];
}

/**
 * OpenAI's in-stream error event: a data line holding an error object, after which the stream ends
 * without `[DONE]`.
 * @see https://platform.openai.com/docs/guides/error-codes#api-errors
 */
export function encodeOpenAIStreamError(): string {
  const error = {
    message: "The server had an error while processing your request. Sorry about that!",
    type: "server_error",
    param: null,
    code: null,
  };
  return writeSse({ data: JSON.stringify({ error }) });
}

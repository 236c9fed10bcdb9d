import type { FakeReplyPlan } from "./plan-fake-reply.js";

/** Identity of one chat response. */
export interface OllamaResponseMeta {
  model: string;
  createdAt: string;
}

/** The timing fields of Ollama's final object (nanoseconds; fixed, the fake does not measure). */
const DURATIONS = { load_duration: 1_000_000, prompt_eval_duration: 2_000_000, eval_duration: 3_000_000 };

/** The statistics of the final (`done: true`) object. */
function finalFields(plan: FakeReplyPlan): Record<string, unknown> {
  return {
    done: true,
    done_reason: plan.truncated ? "length" : "stop",
    total_duration: 6_000_000,
    load_duration: DURATIONS.load_duration,
    prompt_eval_count: plan.promptTokens,
    prompt_eval_duration: DURATIONS.prompt_eval_duration,
    eval_count: plan.outputTokens + plan.thinkingTokens,
    eval_duration: DURATIONS.eval_duration,
  };
}

/** Ollama's tool calls carry no id; parallel calls are several entries of one message. */
function toolCalls(plan: FakeReplyPlan): unknown[] | undefined {
  if (plan.tools.length === 0) return undefined;
  return plan.tools.map((tool) => ({ function: { name: tool.name, arguments: { ...tool.args } } }));
}

/**
 * The non-streaming /api/chat answer: the whole message (`thinking` and `tool_calls` when present) and
 * the final statistics (prompt_eval_count, eval_count = words or tool fragments plus thinking fragments).
 * @see https://github.com/ollama/ollama/blob/main/docs/api.md#chat-request-no-streaming
 */
export function encodeOllamaChat(plan: FakeReplyPlan, meta: OllamaResponseMeta): Record<string, unknown> {
  const message: Record<string, unknown> = { role: "assistant", content: plan.pieces.join("") };
  if (plan.thinking !== undefined) message["thinking"] = plan.thinking.join("");
  const calls = toolCalls(plan);
  if (calls !== undefined) message["tool_calls"] = calls;
  return { model: meta.model, created_at: meta.createdAt, message, ...finalFields(plan) };
}

/**
 * The NDJSON lines of a streamed /api/chat answer: one per thinking fragment (`message.thinking`), one per
 * word (`message.content`) or one with every `tool_calls` entry, each `done: false`; then the final object with an
 * empty message, `done: true`, `done_reason` and the statistics.
 * @see https://github.com/ollama/ollama/blob/main/docs/api.md#generate-a-chat-completion
 */
export function encodeOllamaChatStream(plan: FakeReplyPlan, meta: OllamaResponseMeta): string[] {
  const line = (message: Record<string, unknown>, rest: Record<string, unknown> = { done: false }) =>
    `${JSON.stringify({ model: meta.model, created_at: meta.createdAt, message: { role: "assistant", ...message }, ...rest })}\n`;
  const lines = (plan.thinking ?? []).map((thinking) => line({ content: "", thinking }));
  lines.push(...plan.pieces.map((content) => line({ content })));
  const calls = toolCalls(plan);
  if (calls !== undefined) lines.push(line({ content: "", tool_calls: calls }));
  lines.push(line({ content: "" }, finalFields(plan)));
  return lines;
}

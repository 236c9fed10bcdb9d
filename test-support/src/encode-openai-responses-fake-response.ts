import type { FakeReplyPlan } from "./plan-fake-reply.js";

/** Ids and times of one fake Responses answer. */
export interface FakeResponsesMeta {
  id: string;
  callId: string;
  created: number;
  model: string;
}

type Json = Record<string, unknown>;

/** The output items of a plan: reasoning (when thinking), then the text message or the function calls. */
function outputItems(plan: FakeReplyPlan, meta: FakeResponsesMeta): Json[] {
  const items: Json[] = [];
  if (plan.thinking)
    items.push({
      type: "reasoning",
      id: `rs_${meta.id}`,
      summary: [{ type: "summary_text", text: plan.thinking.join("") }],
    });
  if (plan.tools.length === 0)
    items.push({
      type: "message",
      id: `msg_${meta.id}`,
      status: "completed",
      role: "assistant",
      content: [{ type: "output_text", text: plan.pieces.join(""), annotations: [], logprobs: [] }],
    });
  for (const [i, t] of plan.tools.entries())
    items.push({
      type: "function_call",
      id: `fc_${meta.id}_${i}`,
      call_id: i === 0 ? meta.callId : `${meta.callId}_${i + 1}`,
      name: t.name,
      arguments: t.fragments.join(""),
      status: "completed",
    });
  return items;
}

/**
 * The whole `response` object OpenAI answers a plan with.
 * @see https://platform.openai.com/docs/api-reference/responses/object
 */
export function encodeOpenAIResponsesFakeResponse(plan: FakeReplyPlan, meta: FakeResponsesMeta): Json {
  return {
    id: `resp_${meta.id}`,
    object: "response",
    created_at: meta.created,
    status: plan.truncated ? "incomplete" : "completed",
    error: null,
    incomplete_details: plan.truncated ? { reason: "max_output_tokens" } : null,
    model: meta.model,
    output: outputItems(plan, meta),
    usage: {
      input_tokens: plan.promptTokens,
      input_tokens_details: { cached_tokens: 0 },
      output_tokens: plan.outputTokens + plan.thinkingTokens,
      output_tokens_details: { reasoning_tokens: plan.thinkingTokens },
      total_tokens: plan.promptTokens + plan.outputTokens + plan.thinkingTokens,
    },
  };
}

/**
 * The SSE events OpenAI streams a plan as, numbered from 0: created, in_progress, per item its added,
 * deltas and done events, then completed (or incomplete) with the whole response.
 * @see https://platform.openai.com/docs/api-reference/responses-streaming
 */
export function encodeOpenAIResponsesFakeStream(plan: FakeReplyPlan, meta: FakeResponsesMeta): string[] {
  const whole = encodeOpenAIResponsesFakeResponse(plan, meta);
  const events: Json[] = [];
  const start = { ...whole, status: "in_progress", output: [], usage: null, incomplete_details: null };
  events.push(
    { type: "response.created", response: start },
    { type: "response.in_progress", response: start },
  );
  (whole.output as Json[]).forEach((item, output_index) => {
    const at = { item_id: item.id, output_index };
    events.push({
      type: "response.output_item.added",
      output_index,
      item: { ...item, status: "in_progress" },
    });
    if (item.type === "message") {
      const part = { type: "output_text", text: "", annotations: [], logprobs: [] };
      events.push({ type: "response.content_part.added", ...at, content_index: 0, part });
      for (const delta of plan.pieces)
        events.push({ type: "response.output_text.delta", ...at, content_index: 0, delta, logprobs: [] });
      const text = plan.pieces.join("");
      events.push({ type: "response.output_text.done", ...at, content_index: 0, text, logprobs: [] });
      events.push({ type: "response.content_part.done", ...at, content_index: 0, part: { ...part, text } });
    } else if (item.type === "function_call") {
      const tool = plan.tools[output_index - (plan.thinking ? 1 : 0)]!;
      for (const delta of tool.fragments)
        events.push({ type: "response.function_call_arguments.delta", ...at, delta });
      events.push({
        type: "response.function_call_arguments.done",
        ...at,
        name: item.name,
        arguments: item.arguments,
      });
    }
    events.push({ type: "response.output_item.done", output_index, item });
  });
  events.push({ type: plan.truncated ? "response.incomplete" : "response.completed", response: whole });
  return events.map((e, i) => `event: ${e.type}\ndata: ${JSON.stringify({ ...e, sequence_number: i })}\n\n`);
}

/** The in-stream failure OpenAI ends a failing stream with. */
export function encodeOpenAIResponsesFakeStreamError(): string {
  const data = {
    type: "error",
    code: "server_error",
    message: "The server had an error processing your request.",
    param: null,
    sequence_number: 999,
  };
  return `event: error\ndata: ${JSON.stringify(data)}\n\n`;
}

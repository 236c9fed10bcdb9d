import { writeSse } from "@gatehouse/protocol";
import { fakeToolCallId } from "./fake-reply.js";
import type { FakeReplyPlan } from "./plan-fake-reply.js";

/** Identity of one message: shared by the object and its stream. */
export interface AnthropicMessageMeta {
  id: string;
  model: string;
  toolUseId: string;
}

/** The signature every fake thinking block carries. */
export const FAKE_THINKING_SIGNATURE = "ZmFrZS1zaWduYXR1cmU=";

/** Anthropic's stop_reason for a plan. @see https://docs.anthropic.com/en/api/handling-stop-reasons */
function stopReason(plan: FakeReplyPlan): "tool_use" | "max_tokens" | "end_turn" {
  if (plan.tools.length > 0) return "tool_use";
  return plan.truncated ? "max_tokens" : "end_turn";
}

/** output_tokens: reply words (or tool fragments) plus thinking fragments. */
function outputTokens(plan: FakeReplyPlan): number {
  return plan.outputTokens + plan.thinkingTokens;
}

/** @see https://docs.anthropic.com/en/docs/build-with-claude/prompt-caching#1-hour-cache-duration */
function usage(plan: FakeReplyPlan, output: number): Record<string, unknown> {
  const cache = plan.promptCache ?? {};
  const w5m = cache.write5m ?? 0;
  const w1h = cache.write1h ?? 0;
  return {
    input_tokens: plan.promptTokens,
    cache_creation_input_tokens: w5m + w1h,
    cache_read_input_tokens: cache.read ?? 0,
    ...(plan.promptCache && {
      cache_creation: { ephemeral_5m_input_tokens: w5m, ephemeral_1h_input_tokens: w1h },
    }),
    output_tokens: output,
    service_tier: "standard",
  };
}

/**
 * A Messages API `message` object: thinking block (when requested), then text or the tool_use blocks
 * (ids `toolUseId`, then `toolUseId_2`).
 * @see https://docs.anthropic.com/en/api/messages
 *
 * @example
 * encodeAnthropicMessage(plan, { id: "msg_1", model: "claude-x", toolUseId: "toolu_1" }).stop_reason;
 */
export function encodeAnthropicMessage(
  plan: FakeReplyPlan,
  meta: AnthropicMessageMeta,
): Record<string, unknown> {
  const content: unknown[] = [];
  if (plan.thinking !== undefined) {
    content.push({ type: "thinking", thinking: plan.thinking.join(""), signature: FAKE_THINKING_SIGNATURE });
  }
  if (plan.tools.length === 0) content.push({ type: "text", text: plan.pieces.join("") });
  plan.tools.forEach((tool, i) => {
    content.push({
      type: "tool_use",
      id: fakeToolCallId(meta.toolUseId, i),
      name: tool.name,
      input: tool.args,
    });
  });
  return {
    id: meta.id,
    type: "message",
    role: "assistant",
    model: meta.model,
    content,
    stop_reason: stopReason(plan),
    stop_sequence: null,
    usage: usage(plan, outputTokens(plan)),
  };
}

/**
 * The SSE events of a streamed message: message_start (empty content, output_tokens 1), then per block
 * content_block_start / content_block_delta... / content_block_stop (a `ping` after the first start),
 * then message_delta (stop_reason, cumulative output_tokens) and message_stop. Thinking blocks stream
 * thinking_delta then one signature_delta; tool_use blocks stream input_json_delta fragments.
 * @see https://docs.anthropic.com/en/docs/build-with-claude/streaming
 */
export function encodeAnthropicStream(plan: FakeReplyPlan, meta: AnthropicMessageMeta): string[] {
  const events: Array<Record<string, unknown>> = [];
  const start = {
    ...encodeAnthropicMessage(plan, meta),
    content: [],
    stop_reason: null,
    usage: usage(plan, 1),
  };
  events.push({ type: "message_start", message: start });
  blocks(plan, meta).forEach((block, index) => {
    events.push({ type: "content_block_start", index, content_block: block.start });
    if (index === 0) events.push({ type: "ping" });
    for (const delta of block.deltas) events.push({ type: "content_block_delta", index, delta });
    events.push({ type: "content_block_stop", index });
  });
  events.push({
    type: "message_delta",
    delta: { stop_reason: stopReason(plan), stop_sequence: null },
    usage: { output_tokens: outputTokens(plan) },
  });
  events.push({ type: "message_stop" });
  return events.map((e) => writeSse({ event: e["type"] as string, data: JSON.stringify(e) }));
}

interface StreamBlock {
  start: Record<string, unknown>;
  deltas: Array<Record<string, unknown>>;
}

function blocks(plan: FakeReplyPlan, meta: AnthropicMessageMeta): StreamBlock[] {
  const out: StreamBlock[] = [];
  if (plan.thinking !== undefined) {
    out.push({
      start: { type: "thinking", thinking: "", signature: "" },
      deltas: [
        ...plan.thinking.map((thinking) => ({ type: "thinking_delta", thinking })),
        { type: "signature_delta", signature: FAKE_THINKING_SIGNATURE },
      ],
    });
  }
  if (plan.tools.length === 0) {
    out.push({
      start: { type: "text", text: "" },
      deltas: plan.pieces.map((text) => ({ type: "text_delta", text })),
    });
  }
  plan.tools.forEach((tool, i) => {
    out.push({
      start: { type: "tool_use", id: fakeToolCallId(meta.toolUseId, i), name: tool.name, input: {} },
      deltas: tool.fragments.map((partial_json) => ({ type: "input_json_delta", partial_json })),
    });
  });
  return out;
}

import { encodeEventStreamMessage } from "./encode-event-stream-message.js";
import { fakeToolCallId } from "./fake-reply.js";
import type { FakeReplyPlan } from "./plan-fake-reply.js";

/** The signature of fake reasoning blocks. */
export const FAKE_REASONING_SIGNATURE = "ZmFrZS1iZWRyb2NrLXNpZ25hdHVyZQ==";

/** Bedrock pads each stream payload with a `p` field to hide lengths; the fake does the same. */
const PADDING = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0";

/** Bedrock's stopReason. @see https://docs.aws.amazon.com/bedrock/latest/APIReference/API_runtime_Converse.html#API_runtime_Converse_ResponseSyntax */
function stopReason(plan: FakeReplyPlan): "tool_use" | "max_tokens" | "end_turn" {
  if (plan.tools.length > 0) return "tool_use";
  return plan.truncated ? "max_tokens" : "end_turn";
}

/** TokenUsage: outputTokens counts reasoning too (as for Claude on Bedrock). */
function usage(plan: FakeReplyPlan): Record<string, number> {
  const output = plan.outputTokens + plan.thinkingTokens;
  return { inputTokens: plan.promptTokens, outputTokens: output, totalTokens: plan.promptTokens + output };
}

/**
 * A Converse response: `output.message` with a reasoningContent block (when reasoning is on) then text
 * or the toolUse blocks (ids `toolUseId`, then `toolUseId_2`), stopReason, usage and metrics.
 * @see https://docs.aws.amazon.com/bedrock/latest/APIReference/API_runtime_Converse.html#API_runtime_Converse_ResponseSyntax
 */
export function encodeBedrockConverse(plan: FakeReplyPlan, toolUseId: string): Record<string, unknown> {
  const content: unknown[] = [];
  if (plan.thinking !== undefined) {
    content.push({
      reasoningContent: {
        reasoningText: { text: plan.thinking.join(""), signature: FAKE_REASONING_SIGNATURE },
      },
    });
  }
  if (plan.tools.length === 0) content.push({ text: plan.pieces.join("") });
  plan.tools.forEach((tool, i) => {
    content.push({
      toolUse: { toolUseId: fakeToolCallId(toolUseId, i), name: tool.name, input: { ...tool.args } },
    });
  });
  return {
    output: { message: { role: "assistant", content } },
    stopReason: stopReason(plan),
    usage: usage(plan),
    metrics: { latencyMs: 42 },
  };
}

/**
 * The ConverseStream events as event-stream frames: messageStart; per block contentBlockStart (toolUse
 * only, as Bedrock; one block per parallel call), contentBlockDelta (reasoningContent text then signature / text / toolUse input
 * fragments) and contentBlockStop; then messageStop and metadata (usage, metrics).
 * @see https://docs.aws.amazon.com/bedrock/latest/APIReference/API_runtime_ConverseStreamOutput.html
 */
export function encodeBedrockConverseStream(plan: FakeReplyPlan, toolUseId: string): Buffer[] {
  const events: Array<[string, Record<string, unknown>]> = [["messageStart", { role: "assistant" }]];
  let index = 0;
  if (plan.thinking !== undefined) {
    for (const text of plan.thinking) events.push(delta(index, { reasoningContent: { text } }));
    events.push(delta(index, { reasoningContent: { signature: FAKE_REASONING_SIGNATURE } }));
    events.push(["contentBlockStop", { contentBlockIndex: index++ }]);
  }
  if (plan.tools.length === 0) {
    for (const text of plan.pieces) events.push(delta(index, { text }));
    events.push(["contentBlockStop", { contentBlockIndex: index }]);
  }
  plan.tools.forEach((tool, i) => {
    const start = { toolUse: { toolUseId: fakeToolCallId(toolUseId, i), name: tool.name } };
    events.push(["contentBlockStart", { contentBlockIndex: index, start }]);
    for (const input of tool.fragments) events.push(delta(index, { toolUse: { input } }));
    events.push(["contentBlockStop", { contentBlockIndex: index++ }]);
  });
  events.push(["messageStop", { stopReason: stopReason(plan) }]);
  events.push(["metadata", { usage: usage(plan), metrics: { latencyMs: 42 } }]);
  return events.map(([type, payload]) => bedrockEventFrame(type, payload));
}

function delta(index: number, value: Record<string, unknown>): [string, Record<string, unknown>] {
  return ["contentBlockDelta", { contentBlockIndex: index, delta: value }];
}

/** One ConverseStream event frame: `:event-type`, `:content-type`, `:message-type: event`, JSON payload. */
export function bedrockEventFrame(eventType: string, payload: Record<string, unknown>): Buffer {
  const headers = { ":event-type": eventType, ":content-type": "application/json", ":message-type": "event" };
  return encodeEventStreamMessage(headers, Buffer.from(JSON.stringify({ ...payload, p: PADDING })));
}

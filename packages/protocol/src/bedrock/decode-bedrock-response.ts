import { GatewayError } from "../errors/gateway-error.js";
import type { IrChatResponse } from "../ir/chat-response.js";
import { decodeBedrockContent } from "./decode-bedrock-content.js";
import { decodeBedrockStopReason } from "./decode-bedrock-stop-reason.js";
import { decodeBedrockUsage } from "./decode-bedrock-usage.js";

/** What the caller knows of the call that the Converse body does not say. */
export interface BedrockResponseContext {
  /** The `x-amzn-requestid` header, used as the answer's id (a random one otherwise). */
  requestId?: string;
  /** The model that answered (the body does not name it). */
  model?: string;
  /** Clock in milliseconds, for tests. */
  now?: () => number;
}

function record(value: unknown): Record<string, unknown> | undefined {
  return typeof value === "object" && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : undefined;
}

/**
 * A Bedrock Converse answer → IR: `output.message.content` blocks, `stopReason`, `usage` (cache reads and
 * writes added into input). The stop sequence that matched comes from Anthropic models'
 * `additionalModelResponseFields.stop_sequence` when present.
 * @see https://docs.aws.amazon.com/bedrock/latest/APIReference/API_runtime_Converse.html#API_runtime_Converse_ResponseSyntax
 */
export function decodeBedrockResponse(body: unknown, context: BedrockResponseContext = {}): IrChatResponse {
  const b = record(body);
  const message = record(record(b?.output)?.message);
  if (b === undefined || message === undefined || !Array.isArray(message.content)) {
    throw new GatewayError("upstream_error", "Unexpected Bedrock response: output.message.content missing", {
      provider: "bedrock",
    });
  }
  const content = message.content.flatMap((block) => decodeBedrockContent(block) ?? []);
  const ir: IrChatResponse = {
    id: context.requestId ?? `bedrock-${globalThis.crypto.randomUUID()}`,
    model: context.model ?? "",
    created: Math.floor((context.now ?? Date.now)() / 1000),
    content,
    finishReason: decodeBedrockStopReason(typeof b.stopReason === "string" ? b.stopReason : undefined),
    usage: decodeBedrockUsage(b.usage),
  };
  const stopSequence = record(b.additionalModelResponseFields)?.stop_sequence;
  if (ir.finishReason === "stop_sequence" && typeof stopSequence === "string") ir.stopSequence = stopSequence;
  return ir;
}

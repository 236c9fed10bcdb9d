import type { IrChatRequest } from "../ir/chat-request.js";
import type { BedrockConverseRequest, BedrockSystemBlock } from "./bedrock-wire-types.js";
import { encodeBedrockMessages } from "./encode-bedrock-messages.js";
import { encodeBedrockModelFields } from "./encode-bedrock-model-fields.js";
import { encodeBedrockTools } from "./encode-bedrock-tools.js";

/** IR fields Converse has no place for, named as in the warnings. */
const UNSUPPORTED: Array<[keyof IrChatRequest, string]> = [
  ["seed", "seed"],
  ["presencePenalty", "presence_penalty"],
  ["frequencyPenalty", "frequency_penalty"],
  ["user", "user"],
];

function encodeSystem(ir: IrChatRequest): BedrockSystemBlock[] | undefined {
  if (ir.system === undefined || ir.system.length === 0) return undefined;
  return ir.system.flatMap((p): BedrockSystemBlock[] =>
    p.cacheControl === undefined
      ? [{ text: p.text }]
      : [{ text: p.text }, { cachePoint: { type: "default" } }],
  );
}

/**
 * IR → a Bedrock Converse body for `upstreamModel` (a model id, inference profile or ARN; it goes in the
 * URL path `/model/{modelId}/converse`, or `/converse-stream` for streaming — neither is in the body).
 * Images must be bytes: the caller fetches web image URLs first (see encodeBedrockImage). What Converse
 * cannot express is dropped with a warning: seed, penalties, JSON output modes, the end-user id.
 * @see https://docs.aws.amazon.com/bedrock/latest/APIReference/API_runtime_Converse.html
 *
 * @example
 * const { body, warnings } = encodeBedrockRequest(ir, "anthropic.claude-sonnet-4-20250514-v1:0");
 */
export function encodeBedrockRequest(
  ir: IrChatRequest,
  upstreamModel: string,
): { body: BedrockConverseRequest; warnings: string[] } {
  const warnings: string[] = [];
  const body: BedrockConverseRequest = { messages: encodeBedrockMessages(ir.messages, warnings) };
  const system = encodeSystem(ir);
  if (system !== undefined) body.system = system;
  const inference: NonNullable<BedrockConverseRequest["inferenceConfig"]> = {};
  if (ir.maxTokens !== undefined) inference.maxTokens = ir.maxTokens;
  if (ir.temperature !== undefined) inference.temperature = ir.temperature;
  if (ir.topP !== undefined) inference.topP = ir.topP;
  if (ir.stop !== undefined && ir.stop.length > 0) inference.stopSequences = ir.stop;
  if (Object.keys(inference).length > 0) body.inferenceConfig = inference;
  const toolConfig = encodeBedrockTools(ir, body.messages, warnings);
  if (toolConfig !== undefined) body.toolConfig = toolConfig;
  const fields = encodeBedrockModelFields(ir, upstreamModel, warnings);
  if (fields !== undefined) body.additionalModelRequestFields = fields;
  for (const [key, name] of UNSUPPORTED) {
    if (ir[key] !== undefined) warnings.push(`${name} is not supported by bedrock; dropped`);
  }
  if (ir.responseFormat !== undefined && ir.responseFormat.type !== "text") {
    warnings.push(`response_format ${ir.responseFormat.type} is not supported by bedrock; dropped`);
  }
  return { body, warnings };
}

import type { IrMessage } from "../ir/content.js";
import type { BedrockMessage } from "./bedrock-wire-types.js";
import { encodeBedrockContent } from "./encode-bedrock-content.js";

/**
 * IR messages → Bedrock messages. Tool messages become user turns holding toolResult blocks, and
 * consecutive turns of the same role are merged, since Converse wants user and assistant to alternate.
 * @see https://docs.aws.amazon.com/bedrock/latest/APIReference/API_runtime_Message.html
 */
export function encodeBedrockMessages(messages: IrMessage[], warnings: string[]): BedrockMessage[] {
  const out: BedrockMessage[] = [];
  for (const message of messages) {
    const role = message.role === "assistant" ? "assistant" : "user";
    const content = message.content.flatMap((part) => encodeBedrockContent(part, warnings));
    if (content.length === 0) continue;
    const last = out.at(-1);
    if (last?.role === role) last.content.push(...content);
    else out.push({ role, content });
  }
  return out;
}

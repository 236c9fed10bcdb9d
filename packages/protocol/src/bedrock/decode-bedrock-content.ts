import type { IrReasoningPart, IrTextPart, IrToolCallPart } from "../ir/content.js";

type IrAnswerPart = IrTextPart | IrReasoningPart | IrToolCallPart;

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function decodeReasoning(block: Record<string, unknown>): IrReasoningPart | undefined {
  if (typeof block.redactedContent === "string")
    return { type: "reasoning", text: "", redactedData: block.redactedContent };
  const rt = block.reasoningText;
  if (!isRecord(rt) || typeof rt.text !== "string") return undefined;
  const part: IrReasoningPart = { type: "reasoning", text: rt.text };
  if (typeof rt.signature === "string") part.signature = rt.signature;
  return part;
}

/**
 * One content block of a Bedrock answer → an IR answer part: text, toolUse (its input as JSON text),
 * reasoningContent (text and signature byte-exact, or redacted content). Blocks an answer cannot hold in
 * the IR (images, citations, guard content) give undefined.
 * @see https://docs.aws.amazon.com/bedrock/latest/APIReference/API_runtime_ContentBlock.html
 */
export function decodeBedrockContent(block: unknown): IrAnswerPart | undefined {
  if (!isRecord(block)) return undefined;
  if (typeof block.text === "string") return { type: "text", text: block.text };
  const use = block.toolUse;
  if (isRecord(use) && typeof use.toolUseId === "string" && typeof use.name === "string") {
    return {
      type: "tool_call",
      id: use.toolUseId,
      name: use.name,
      arguments: JSON.stringify(use.input ?? {}),
    };
  }
  return isRecord(block.reasoningContent) ? decodeReasoning(block.reasoningContent) : undefined;
}

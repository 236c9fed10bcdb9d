import type { IrPart, IrToolResultPart } from "../ir/content.js";
import type { BedrockContentBlock, BedrockToolResultContent } from "./bedrock-wire-types.js";
import { encodeBedrockImage } from "./encode-bedrock-image.js";

function parseInput(id: string, json: string, warnings: string[]): unknown {
  if (json.trim() === "") return {};
  try {
    return JSON.parse(json);
  } catch {
    warnings.push(`arguments of tool call ${id} are not valid JSON; sent as {}`);
    return {};
  }
}

function encodeToolResult(result: IrToolResultPart): BedrockContentBlock {
  const content: BedrockToolResultContent[] = result.content.map((c) =>
    c.type === "text" ? { text: c.text } : { image: encodeBedrockImage(c) },
  );
  // Bedrock refuses an empty tool result content list.
  if (content.length === 0) content.push({ text: "" });
  const block = {
    toolUseId: result.toolCallId,
    content,
    status: result.isError ? ("error" as const) : ("success" as const),
  };
  return { toolResult: block };
}

/**
 * One IR part → Bedrock content blocks: text, image, toolUse, toolResult (status `error` for a failed
 * tool), reasoningContent (text with its signature byte-exact, or redacted content). A prompt-caching
 * hint becomes a cachePoint block right after the part. Empty text parts are left out.
 * @see https://docs.aws.amazon.com/bedrock/latest/APIReference/API_runtime_ContentBlock.html
 */
export function encodeBedrockContent(part: IrPart, warnings: string[]): BedrockContentBlock[] {
  // Converse (and the Anthropic models behind it) refuse blank text blocks; an empty one says nothing.
  if (part.type === "text" && part.text === "") return [];
  let block: BedrockContentBlock;
  if (part.type === "text") block = { text: part.text };
  else if (part.type === "image") block = { image: encodeBedrockImage(part) };
  else if (part.type === "tool_call") {
    block = {
      toolUse: { toolUseId: part.id, name: part.name, input: parseInput(part.id, part.arguments, warnings) },
    };
  } else if (part.type === "tool_result") block = encodeToolResult(part);
  else if (part.redactedData !== undefined)
    block = { reasoningContent: { redactedContent: part.redactedData } };
  else {
    const reasoningText =
      part.signature === undefined ? { text: part.text } : { text: part.text, signature: part.signature };
    block = { reasoningContent: { reasoningText } };
  }
  const cached = "cacheControl" in part && part.cacheControl !== undefined;
  return cached ? [block, { cachePoint: { type: "default" } }] : [block];
}

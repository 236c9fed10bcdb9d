import type { IrCacheControl, IrImagePart, IrPart, IrTextPart, IrToolResultPart } from "../ir/content.js";
import type {
  AnthropicCacheControl,
  AnthropicContentBlock,
  AnthropicImageBlock,
  AnthropicTextBlock,
  AnthropicToolResultBlock,
} from "./anthropic-wire-types.js";
import { encodeAnthropicToolInput } from "./encode-anthropic-tool-input.js";

/**
 * One IR part → one Anthropic content block for a turn of the given role, or undefined when the part
 * cannot appear there (a warning says so). Empty text is skipped: Anthropic rejects empty text blocks.
 * Reasoning without an Anthropic signature (another provider's thoughts) cannot be replayed and is
 * dropped; images in assistant turns and tool calls in user turns likewise.
 * @see https://docs.anthropic.com/en/api/messages#body-messages-content
 *
 * @example
 * encodeAnthropicPart({ type: "text", text: "Hi" }, "user", []); // { type: "text", text: "Hi" }
 */
export function encodeAnthropicPart(
  part: IrPart,
  role: "user" | "assistant",
  warnings: string[],
): AnthropicContentBlock | undefined {
  const misplaced = (what: string): undefined => {
    warnings.push(
      `${what} in ${role === "user" ? "a user" : "an assistant"} message is not supported by anthropic; dropped`,
    );
    return undefined;
  };
  switch (part.type) {
    case "text":
      return part.text === "" ? undefined : encodeText(part);
    case "image":
      return role === "user" ? encodeImage(part, warnings) : misplaced("an image");
    case "tool_result":
      return role === "user" ? encodeToolResult(part, warnings) : misplaced("a tool result");
    case "tool_call": {
      if (role !== "assistant") return misplaced("a tool call");
      const { input, wrapped } = encodeAnthropicToolInput(part.arguments);
      if (wrapped)
        warnings.push(`tool call ${part.id} arguments are not a JSON object; wrapped in _raw_arguments`);
      return { type: "tool_use", id: part.id, name: part.name, input };
    }
    case "reasoning":
      if (role !== "assistant") return misplaced("reasoning");
      if (part.redactedData !== undefined) return { type: "redacted_thinking", data: part.redactedData };
      if (part.signature !== undefined)
        return { type: "thinking", thinking: part.text, signature: part.signature };
      warnings.push("reasoning without an anthropic signature cannot be sent back to anthropic; dropped");
      return undefined;
  }
}

/** IR cache hint → `cache_control`. */
export function encodeAnthropicCacheControl(cache: IrCacheControl): AnthropicCacheControl {
  return cache.ttl === undefined ? { type: "ephemeral" } : { type: "ephemeral", ttl: cache.ttl };
}

function encodeText(part: IrTextPart): AnthropicTextBlock {
  const block: AnthropicTextBlock = { type: "text", text: part.text };
  if (part.cacheControl !== undefined) block.cache_control = encodeAnthropicCacheControl(part.cacheControl);
  return block;
}

/** A `data:` URL becomes a base64 source (Anthropic's URL source fetches only http(s) URLs). */
function encodeImage(part: IrImagePart, warnings: string[]): AnthropicImageBlock {
  if (part.detail !== undefined && part.detail !== "auto") {
    warnings.push("image detail is not supported by anthropic; dropped");
  }
  const src = part.source;
  const dataUrl = src.kind === "url" ? /^data:([^;,]+);base64,(.*)$/s.exec(src.url) : null;
  const block: AnthropicImageBlock = {
    type: "image",
    source:
      src.kind === "base64"
        ? { type: "base64", media_type: src.mediaType, data: src.data }
        : dataUrl !== null
          ? { type: "base64", media_type: dataUrl[1]!, data: dataUrl[2]! }
          : { type: "url", url: src.url },
  };
  if (part.cacheControl !== undefined) block.cache_control = encodeAnthropicCacheControl(part.cacheControl);
  return block;
}

function encodeToolResult(part: IrToolResultPart, warnings: string[]): AnthropicToolResultBlock {
  const block: AnthropicToolResultBlock = { type: "tool_result", tool_use_id: part.toolCallId };
  const [first] = part.content;
  if (part.content.length === 1 && first?.type === "text" && first.cacheControl === undefined) {
    block.content = first.text;
  } else if (part.content.length > 0) {
    block.content = part.content.flatMap(
      (c): Array<AnthropicTextBlock | AnthropicImageBlock> =>
        c.type === "text" ? (c.text === "" ? [] : [encodeText(c)]) : [encodeImage(c, warnings)],
    );
  }
  if (part.isError === true) block.is_error = true;
  if (part.cacheControl !== undefined) block.cache_control = encodeAnthropicCacheControl(part.cacheControl);
  return block;
}

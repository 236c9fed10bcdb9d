import type { IrImagePart, IrPart, IrTextPart, IrToolResultPart } from "../ir/content.js";
import type { UnmodeledField } from "../ir/unmodeled-field.js";
import { MAX_JSON_DEPTH } from "../json/max-json-depth.js";
import { stringifyJsonWithinDepth } from "../json/stringify-json-within-depth.js";
import { decodeAnthropicCacheControl } from "./decode-anthropic-cache-control.js";
import { decodeAnthropicImage } from "./decode-anthropic-image.js";
import {
  invalidField,
  type JsonObject,
  optionalBoolean,
  optionalString,
  requireArray,
  requireRecord,
  requireString,
} from "./wire-validation.js";

/**
 * Valid Anthropic block types Gatehouse cannot carry through the IR (documents, search results and
 * server-tool blocks). They are listed as unmodeled rather than silently lost.
 */
const UNSUPPORTED_BLOCK_TYPES: readonly string[] = [
  "document",
  "search_result",
  "container_upload",
  "server_tool_use",
  "web_search_tool_result",
  "web_fetch_tool_result",
  "code_execution_tool_result",
  "bash_code_execution_tool_result",
  "text_editor_code_execution_tool_result",
  "tool_search_tool_result",
  "tool_reference",
  "mcp_tool_use",
  "mcp_tool_result",
];

/**
 * One content block of a request message → one IR part, checking that the block may appear in a turn
 * of that role (images and tool results in user turns; tool_use and thinking in assistant turns).
 * `tool_use.input` (an object) becomes the IR's JSON text. A valid block the IR cannot carry (a document,
 * a server tool's block, a Files API image) is listed in `unmodeled` and gives no part (`undefined`).
 * @see https://docs.anthropic.com/en/api/messages#body-messages-content
 *
 * @example
 * decodeAnthropicContentBlock({ type: "text", text: "Hi" }, "messages.0.content.0", "user", []);
 * // { type: "text", text: "Hi" }
 */
export function decodeAnthropicContentBlock(
  value: unknown,
  param: string,
  role: "user" | "assistant",
  unmodeled: UnmodeledField[],
): IrPart | undefined {
  const block = requireRecord(value, param);
  const type = block["type"];
  const only = (wanted: "user" | "assistant"): void => {
    if (role !== wanted)
      throw invalidField(`${param}.type`, `"${String(type)}" blocks are not allowed in ${role} messages`);
  };
  switch (type) {
    case "text":
      return decodeText(block, param);
    case "image":
      only("user");
      return decodeAnthropicImage(block, param, unmodeled);
    case "tool_result":
      only("user");
      return decodeToolResult(block, param, unmodeled);
    case "tool_use":
      only("assistant");
      return decodeToolUse(block, param);
    case "thinking": {
      only("assistant");
      const text = requireString(block["thinking"], `${param}.thinking`);
      const signature = optionalString(block["signature"], `${param}.signature`);
      return signature === undefined ? { type: "reasoning", text } : { type: "reasoning", text, signature };
    }
    case "redacted_thinking":
      only("assistant");
      return { type: "reasoning", text: "", redactedData: requireString(block["data"], `${param}.data`) };
  }
  if (typeof type === "string" && UNSUPPORTED_BLOCK_TYPES.includes(type)) {
    const reason = `content blocks of type "${type}" are not supported by this gateway`;
    unmodeled.push({ param: `${param}.type`, reason });
    return undefined;
  }
  throw invalidField(`${param}.type`, "unknown content block type");
}

/** A `text` block; citations are dropped (the IR has no place for them). */
function decodeText(block: JsonObject, param: string): IrTextPart {
  const part: IrTextPart = { type: "text", text: requireString(block["text"], `${param}.text`) };
  const cache = decodeAnthropicCacheControl(block["cache_control"], `${param}.cache_control`);
  if (cache !== undefined) part.cacheControl = cache;
  return part;
}

/** A `tool_use` block; its `cache_control` has no IR field and is dropped. */
function decodeToolUse(block: JsonObject, param: string): IrPart {
  const input = requireRecord(block["input"], `${param}.input`);
  const args = stringifyJsonWithinDepth(input);
  if (args === undefined) throw invalidField(`${param}.input`, `nests deeper than ${MAX_JSON_DEPTH} levels`);
  return {
    type: "tool_call",
    id: requireString(block["id"], `${param}.id`),
    name: requireString(block["name"], `${param}.name`),
    arguments: args,
  };
}

/**
 * A `tool_result` block: content is a string or text/image blocks.
 * @see https://docs.anthropic.com/en/docs/agents-and-tools/tool-use/implement-tool-use
 */
function decodeToolResult(block: JsonObject, param: string, unmodeled: UnmodeledField[]): IrToolResultPart {
  const raw = block["content"];
  let content: Array<IrTextPart | IrImagePart> = [];
  if (typeof raw === "string") content = [{ type: "text", text: raw }];
  else if (raw !== undefined && raw !== null) {
    content = requireArray(raw, `${param}.content`).flatMap((item, i) => {
      const part = decodeToolResultItem(item, `${param}.content.${i}`, unmodeled);
      return part === undefined ? [] : [part];
    });
  }
  const part: IrToolResultPart = {
    type: "tool_result",
    toolCallId: requireString(block["tool_use_id"], `${param}.tool_use_id`),
    content,
  };
  if (optionalBoolean(block["is_error"], `${param}.is_error`) === true) part.isError = true;
  const cache = decodeAnthropicCacheControl(block["cache_control"], `${param}.cache_control`);
  if (cache !== undefined) part.cacheControl = cache;
  return part;
}

function decodeToolResultItem(
  value: unknown,
  param: string,
  unmodeled: UnmodeledField[],
): IrTextPart | IrImagePart | undefined {
  const item = requireRecord(value, param);
  const type = item["type"];
  if (type === "text") return decodeText(item, param);
  if (type === "image") return decodeAnthropicImage(item, param, unmodeled);
  if (typeof type === "string" && UNSUPPORTED_BLOCK_TYPES.includes(type)) {
    const reason = `tool result blocks of type "${type}" are not supported by this gateway`;
    unmodeled.push({ param: `${param}.type`, reason });
    return undefined;
  }
  throw invalidField(`${param}.type`, 'must be "text" or "image"');
}
